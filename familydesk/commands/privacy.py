"""``familydesk privacy ...``: GDPR operations.

``export --person ID --out DIR`` is the right of access (art. 15) and lives
here; retention (``purge``, ``retention``) and erasure requests (``erasure``)
are added by ``familydesk.commands.retention`` and ``familydesk.commands.erasure``.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from familydesk import i18n
from familydesk.commands.opening import open_signed_in
from familydesk.i18n import _
from familydesk.trust import permissions


def register(commands: argparse._SubParsersAction, add_common: Callable) -> None:  # type: ignore[type-arg]
    parser = commands.add_parser("privacy", help=_("GDPR operations on personal data"))
    actions = parser.add_subparsers(dest="privacy_action", metavar=_("ACTION"), required=True)
    export = actions.add_parser(
        "export", help=_("write a PDF and a JSON with everything held on a person")
    )
    export.add_argument("--person", required=True, metavar="ID", help=_("uid or tax code"))
    export.add_argument("--out", required=True, metavar=_("FOLDER"), help=_("where to write them"))
    export.add_argument(
        "--form-lang", choices=sorted(i18n.LANGUAGES), help=_("language of the PDF")
    )
    add_common(export)
    export.set_defaults(handler=run_export)
    from familydesk.commands import erasure, retention

    retention.add_actions(actions, add_common)
    erasure.add_actions(actions, add_common)


def run_export(args: argparse.Namespace) -> int:
    from familydesk.privacy.access import write_access_export
    from familydesk.registry import person_id_for

    database = open_signed_in(args, permissions.EXPORT)
    try:
        person_id = database.read(person_id_for, args.person)
        paths = database.write(
            write_access_export,
            person_id,
            Path(args.out).expanduser(),
            args.form_lang or i18n.current_language(),
        )
    finally:
        database.dispose()
    print(_("Personal data written to {files}").format(files=", ".join(str(p) for p in paths)))
    return 0
