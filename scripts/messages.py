"""Keep the translation catalogues in step with the code (``make messages``).

Extracts every ``_()``, ``N_()``, ``ngettext()`` and ``pgettext()`` string
from familydesk/ into resources/locale/familydesk.pot, then merges it into
each language's .po file. English msgids are the source text, so the English
catalogue is filled with them; Italian entries that are new stay empty for a
translator (the test suite fails until they are translated).

    python scripts/messages.py [--translations FILE.py]

``--translations`` takes a Python file defining ``IT = {msgid: msgstr}``
(plural entries keyed by a (singular, plural) tuple) and writes them in.
"""

from __future__ import annotations

import argparse
import runpy
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "resources" / "locale"
DOMAIN = "familydesk"
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2)}
LANGUAGES = ("it", "en")


def extract() -> Catalog:
    catalog = Catalog(project="FamilyDesk", version="", charset="utf-8")
    for filename, lineno, message, comments, context in extract_from_dir(
        str(ROOT / "familydesk"), keywords=KEYWORDS, method_map=[("**.py", "python")]
    ):
        catalog.add(
            message,
            None,
            [(f"familydesk/{filename}", lineno)],
            auto_comments=comments,
            context=context,
        )
    return catalog


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--translations")
    args = parser.parse_args()
    template = extract()
    with (LOCALE / f"{DOMAIN}.pot").open("wb") as fh:
        write_po(fh, template, omit_header=False, sort_output=True, no_location=True)
    extra = runpy.run_path(args.translations)["IT"] if args.translations else {}
    for language in LANGUAGES:
        po = LOCALE / language / "LC_MESSAGES" / f"{DOMAIN}.po"
        po.parent.mkdir(parents=True, exist_ok=True)
        if po.exists():
            with po.open("rb") as fh:
                catalog = read_po(fh, locale=language)
        else:
            catalog = Catalog(locale=language, project="FamilyDesk", charset="utf-8")
        catalog.update(template, no_fuzzy_matching=True)
        catalog.fuzzy = False
        catalog.project, catalog.version = "FamilyDesk", "0"
        catalog.copyright_holder = "FamilyDesk contributors"
        catalog.msgid_bugs_address = ""
        catalog.last_translator = "FamilyDesk team"
        catalog.language_team = {"it": "Italiano", "en": "English"}[language]
        for message in catalog:
            if not message.id:
                continue
            if language == "en":
                message.string = message.id
                message.flags.discard("fuzzy")
            elif message.id in extra:
                # a singular message turned plural is kept fuzzy by Babel: the new one settles it
                message.string = extra[message.id]
                message.flags.discard("fuzzy")
        with po.open("wb") as fh:
            write_po(fh, catalog, sort_output=True, no_location=True, ignore_obsolete=True)
        missing = [m.id for m in catalog if m.id and not all(_as_tuple(m.string))]
        print(f"{language}: {len(catalog)} messages, {len(missing)} untranslated")


def _as_tuple(value: object) -> tuple[str, ...]:
    return tuple(value) if isinstance(value, tuple | list) else (str(value or ""),)


if __name__ == "__main__":
    main()
