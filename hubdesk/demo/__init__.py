"""The demo cluster: eight sites of a fictional town with families, staff and, step by step, the rest.

Each area adds one step to STEPS; the steps run in order inside one transaction.
"""

from hubdesk.demo import (
    clubs,
    cluster,
    families,
    learning,
    minibus,
    money,
    referrals,
    registers,
    rota,
    staff,
)
from hubdesk.demo.context import DemoContext, DemoStep

STEPS: list[tuple[str, DemoStep]] = [
    ("Sites and school calendars", cluster.build),
    ("Children and families", families.build),
    ("Staff", staff.build),
    ("Parent-learning courses", learning.build),
    ("Clubs and a year of bookings", clubs.build),
    ("Staff rota", rota.build),
    ("Registers of the term so far", registers.build),
    ("Minibus: vehicles and this week's runs", minibus.build),
    ("Money: prices, free places and the term's payments", money.build),
    ("Referrals and signposting", referrals.build),
    ("Working out what each family owes", money.work_out_sums),
]

__all__ = ["STEPS", "DemoContext", "DemoStep"]
