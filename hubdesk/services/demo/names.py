"""Name pools for the demo: the mix of a Lancashire or Sussex town, diacritics and apostrophes included.

Every name is fictional in combination; phone numbers use Ofcom's drama range (07700 900000–900999).
"""

from __future__ import annotations

# (weight, forenames (girls, boys), surnames)
HERITAGES: list[tuple[int, tuple[list[str], list[str]], list[str]]] = [
    (46, (["Olivia", "Amelia", "Isla", "Ava", "Freya", "Lily", "Poppy", "Grace", "Ellie", "Evie",
           "Mia", "Sophie", "Ruby", "Daisy", "Harriet", "Phoebe", "Rosie", "Matilda"],
          ["Oliver", "George", "Harry", "Noah", "Jack", "Charlie", "Leo", "Arthur", "Alfie", "Freddie",
           "Thomas", "Oscar", "Archie", "Joshua", "Reuben", "Theo", "Finley", "Jacob"]),
     ["Smith", "Jones", "Taylor", "Brown", "Wilson", "Hughes", "Walsh", "Holt", "Ashworth", "Pilling",
      "Haworth", "Greenwood", "Barnes", "Clegg", "Whittaker", "Dawson", "Marsden", "Kershaw",
      "Butterworth", "Hargreaves", "Fletcher", "Cooper", "Lord", "Ramsbottom", "Smith-Kershaw"]),
    (9, (["Zofia", "Łucja", "Maja", "Wiktoria", "Zuzanna", "Hanna", "Małgorzata", "Natalia"],
         ["Jakub", "Szymon", "Kacper", "Mikołaj", "Bartłomiej", "Wojciech", "Łukasz", "Paweł"]),
     ["Nowak", "Kowalski", "Wiśniewska", "Wójcik", "Kamiński", "Lewandowska", "Zieliński",
      "Szymańska", "Woźniak", "Dąbrowski", "Kozłowska", "Jankowski", "Łukaszewicz"]),
    (12, (["Ayesha", "Fatima", "Maryam", "Zainab", "Hafsa", "Inaya", "Aleena", "Safiya"],
          ["Muhammad", "Ibrahim", "Yusuf", "Zayn", "Hamza", "Ayaan", "Rayyan", "Musa"]),
     ["Khan", "Hussain", "Ahmed", "Iqbal", "Akhtar", "Mahmood", "Rashid", "Chaudhry", "Ali", "Bashir",
      "Qureshi", "Mirza"]),
    (6, (["Elif", "Zeynep", "Defne", "Ayşe", "Eylül", "Gülşen", "Büşra", "Nazlı"],
         ["Emre", "Yiğit", "Şükrü", "Mustafa", "Barış", "Doğan", "Çağan", "Ömer"]),
     ["Yılmaz", "Kaya", "Demir", "Öztürk", "Şahin", "Çelik", "Aydın", "Doğan", "Arslan", "Güneş"]),
    (8, (["Aoife", "Saoirse", "Niamh", "Róisín", "Caoimhe", "Siobhán", "Orla", "Clodagh"],
         ["Seán", "Ciarán", "Oisín", "Darragh", "Cillian", "Pádraig", "Eoin", "Tadhg"]),
     ["O'Neill", "O'Brien", "Murphy", "Kelly", "O'Sullivan", "McCarthy", "Byrne", "Ó Súilleabháin",
      "O'Neill-Brennan", "Mac Giolla", "Ní Bhriain", "Flanagan"]),
    (6, (["Ioana", "Andreea", "Ștefania", "Bianca", "Alexandra", "Mădălina", "Raluca", "Irina"],
         ["Andrei", "Ștefan", "Mihai", "Răzvan", "Bogdan", "Ionuț", "Cătălin", "Vlad"]),
     ["Popescu", "Ionescu", "Munteanu", "Stănescu", "Dumitrescu", "Constantin", "Păun", "Țurcanu",
      "Moldovan", "Bălan"]),
    (5, (["Tasnim", "Nusrat", "Sumaiya", "Ishrat", "Ruksana", "Farzana"],
         ["Rahim", "Tanvir", "Shahid", "Arif", "Imran", "Sabbir"]),
     ["Begum", "Miah", "Uddin", "Rahman", "Islam", "Chowdhury"]),
    (4, (["Chiamaka", "Adaeze", "Ifeoma", "Temitope", "Ngozi", "Folake"],
         ["Chidi", "Oluwaseun", "Tobenna", "Emeka", "Kayode", "Femi"]),
     ["Okafor", "Adeyemi", "Nwosu", "Okonkwo", "Balogun", "Eze"]),
    (4, (["Giulia", "Chiara", "Francesca", "Noémie", "Inès", "Léa"],
         ["Luca", "Matteo", "Lorenzo", "Rémi", "Théo", "Nicolò"]),
     ["Rossi", "Bianchi", "Ferrari", "Lefèvre", "Moreau", "D'Angelo"]),
]


MEDICAL = ["Asthma: blue inhaler in bag, may need it after running",
           "Eczema: own cream in bag",
           "Type 1 diabetes: check blood sugar before tea; snack in bag",
           "Epilepsy: care plan in office; call 999 if a seizure lasts over 5 minutes",
           "Hay fever", "Wears glasses for reading", "Hearing aid (left ear)"]
ALLERGIES = ["Peanuts and tree nuts: EpiPen x2 in the office", "Dairy", "Egg", "Sesame",
             "Penicillin", "Kiwi fruit", "Shellfish"]
DIETS = ["Halal", "Vegetarian", "Vegan", "No pork", "Gluten free (coeliac)", "Lactose free"]
STREETS = ["Blackburn Road", "Moorfield Avenue", "Bank Street", "Rossendale Close", "Pendle View",
           "Hollins Lane", "Mill Street", "Church Walk", "Whalley Road", "Bridge End", "Coronation Street",
           "Peel Terrace", "St Anne's Court", "Queen's Drive", "Hill Crest"]
