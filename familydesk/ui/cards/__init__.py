"""The Family card page's tabs and dialogs (``ui.pages.cards``) and the family page's Cards tab."""
