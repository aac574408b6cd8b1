"""The directory of the territory's services (mappatura): organisations, their services,
the needs each serves; searching it, suggesting services for a need, its printouts and
the referrals that point at it."""
