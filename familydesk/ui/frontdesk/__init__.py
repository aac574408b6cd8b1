"""Parts of the Front desk page: the search, the contact form, today's queue, follow-ups."""
