"""What every service does with a typed field: check its shape, clean it, name a weekday.

Services below the capabilities (the registry, the centre) and the capabilities themselves
(appointments' resources, groups, cards) check the same kinds of field the same way.
"""

from __future__ import annotations

import re

#: A phone number as people type it: digits, spaces, + and ( ) . / -, at least 5 of them.
PHONE = re.compile(r"^[0-9 +()./-]{5,}$")
#: Something@somewhere.tld, without spaces.
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
