"""Pure rules of the field (ratios, eligibility, clashes): plain data in, plain answers out."""
