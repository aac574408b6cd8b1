"""Italian facts: tax codes (codice fiscale), comuni, citizenships, national holidays."""
