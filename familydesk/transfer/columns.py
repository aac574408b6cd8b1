"""The columns of a families spreadsheet: Italian names, synonyms, order.

Column names in files are data, not interface text: they are Italian in
every language (the template, the export and the report all use them). A
header is matched after folding (case, accents, spaces, dashes and
underscores ignored), so ``Codice Fiscale``, ``codice_fiscale`` and
``CODICE-FISCALE`` are the same column; English synonyms are accepted too.
"""

from __future__ import annotations

from dataclasses import dataclass

from familydesk.i18n import N_
from familydesk.kernel.text import fold

#: A family is the set of rows with the same value here.
FAMILY_KEY = "famiglia"
REQUIRED = ("famiglia", "cognome", "nome")
#: The column added to the report of rejected rows.
ERROR_COLUMN = "errore"


@dataclass(frozen=True)
class ColumnSpec:
    name: str
    #: Other spellings accepted in headers (folded like the header itself).
    synonyms: tuple[str, ...]
    #: What the column holds, for the template's instructions (translate where shown).
    help: str
    #: Whether the value belongs to the family (the same on each of its rows) or the person.
    family_level: bool = False


#: Every column, in the order of the template and the export.
COLUMNS: tuple[ColumnSpec, ...] = (
    ColumnSpec(
        "famiglia",
        (
            "family",
            "family_key",
            "family_id",
            "household",
            "nucleo",
            "id_famiglia",
            "codice_famiglia",
            "chiave_famiglia",
            "nucleo_familiare",
        ),
        N_("Required. The same key on every row of one family (any text or number)."),
        family_level=True,
    ),
    ColumnSpec(
        "nome_famiglia",
        ("family_name", "household_name", "cognome_famiglia"),
        N_("The family's name; if empty, the surname of its first parent."),
        family_level=True,
    ),
    ColumnSpec("cognome", ("surname", "last_name", "lastname"), N_("Required. Surname.")),
    ColumnSpec(
        "nome", ("first_name", "firstname", "given_name", "forename"), N_("Required. Given name.")
    ),
    ColumnSpec(
        "codice_fiscale",
        ("cf", "codicefiscale", "tax_code", "fiscal_code", "taxcode"),
        N_("16 characters (or a temporary code of 11 digits); fills sex, birth date and place."),
    ),
    ColumnSpec(
        "motivo_senza_codice",
        ("no_code_reason", "motivo_assenza_codice", "motivo_mancanza_codice"),
        N_("Why there is no tax code (e.g. newborn waiting for it)."),
    ),
    ColumnSpec(
        "data_nascita",
        (
            "data_di_nascita",
            "nato_il",
            "nata_il",
            "birth_date",
            "birthdate",
            "date_of_birth",
            "dob",
        ),
        N_("dd/mm/yyyy or yyyy-mm-dd; taken from the tax code when empty."),
    ),
    ColumnSpec(
        "luogo_nascita",
        ("luogo_di_nascita", "birth_place", "birthplace", "place_of_birth"),
        N_("Comune or country of birth; taken from the tax code when empty."),
    ),
    ColumnSpec(
        "sesso", ("sex", "gender", "genere"), N_("F or M; taken from the tax code when empty.")
    ),
    ColumnSpec(
        "ruolo",
        ("relation", "relationship", "role", "parentela", "relazione"),
        N_(
            "genitore, figlio/figlia, affidato/affidata or altro; if empty: figlio for a minor, "
            "genitore for an adult."
        ),
    ),
    ColumnSpec(
        "cittadinanza",
        ("citizenship", "nationality", "nazionalita"),
        N_("Citizenship, e.g. italiana."),
    ),
    ColumnSpec(
        "lingue",
        ("languages", "language", "lingua", "lingue_parlate"),
        N_("Languages spoken, separated by commas."),
    ),
    ColumnSpec(
        "telefono",
        ("phone", "telephone", "tel", "cellulare", "mobile", "cell"),
        N_("The person's phone."),
    ),
    ColumnSpec("email", ("e_mail", "mail", "posta_elettronica"), N_("The person's e-mail.")),
    ColumnSpec(
        "disabilita",
        ("disability", "disabile", "disabilita_certificata"),
        N_("sì or no (empty means no)."),
    ),
    ColumnSpec("note", ("notes", "annotazioni"), N_("Notes about the person.")),
    ColumnSpec(
        "comune_residenza",
        (
            "comune",
            "comune_di_residenza",
            "residenza",
            "municipality",
            "town",
            "city",
            "comune_residence",
        ),
        N_("An Italian comune; add the province when the name is not unique, e.g. Castro (LE)."),
        family_level=True,
    ),
    ColumnSpec(
        "codice_comune",
        ("codice_catastale", "comune_code", "cadastral_code", "codice_belfiore"),
        N_("Codice catastale of the comune (e.g. L020); optional, it settles homonyms."),
        family_level=True,
    ),
    ColumnSpec(
        "residente_dal",
        ("resident_since", "residenza_dal", "data_residenza", "residente_da"),
        N_(
            "Since when the family lives in its comune (dd/mm/yyyy); the family card's residence "
            "rule reads it."
        ),
        family_level=True,
    ),
    ColumnSpec("indirizzo", ("address", "via", "street"), N_("Address."), family_level=True),
    ColumnSpec(
        "cap",
        (
            "postal_code",
            "postcode",
            "zip",
            "zip_code",
            "codice_postale",
            "codice_avviamento_postale",
        ),
        N_("CAP of the address: five digits, e.g. 46029."),
        family_level=True,
    ),
    ColumnSpec(
        "telefono_famiglia",
        ("family_phone", "household_phone"),
        N_("The family's phone."),
        family_level=True,
    ),
    ColumnSpec(
        "email_famiglia",
        ("family_email", "household_email"),
        N_("The family's e-mail."),
        family_level=True,
    ),
    ColumnSpec(
        "isee",
        ("isee_value", "valore_isee", "importo_isee"),
        N_("ISEE in euro: 12.345,67 or 12345.67."),
        family_level=True,
    ),
    ColumnSpec(
        "isee_scadenza",
        (
            "scadenza_isee",
            "isee_expiry",
            "isee_expiry_date",
            "data_scadenza_isee",
            "isee_valido_fino_al",
        ),
        N_("Expiry date of the ISEE (needed with the ISEE)."),
        family_level=True,
    ),
    ColumnSpec(
        "note_famiglia",
        ("family_notes", "household_notes"),
        N_("Notes about the family."),
        family_level=True,
    ),
)

COLUMN_NAMES = tuple(spec.name for spec in COLUMNS)

#: The JSON export's field names, by column: families, then their members (``members``).
JSON_FAMILY_FIELDS = {
    "famiglia": "key",
    "nome_famiglia": "name",
    "comune_residenza": "comune",
    "codice_comune": "comune_code",
    "residente_dal": "resident_since",
    "indirizzo": "address",
    "cap": "postal_code",
    "telefono_famiglia": "phone",
    "email_famiglia": "email",
    "isee": "isee",
    "isee_scadenza": "isee_expiry",
    "note_famiglia": "notes",
}
JSON_MEMBER_FIELDS = {
    "cognome": "last_name",
    "nome": "first_name",
    "codice_fiscale": "tax_code",
    "motivo_senza_codice": "no_code_reason",
    "data_nascita": "birth_date",
    "luogo_nascita": "birth_place",
    "sesso": "sex",
    "ruolo": "relation",
    "cittadinanza": "citizenship",
    "lingue": "languages",
    "telefono": "phone",
    "email": "email",
    "disabilita": "disability",
    "note": "notes",
}
FAMILY_LEVEL = frozenset(spec.name for spec in COLUMNS if spec.family_level)


def header_key(text: object) -> str:
    """A header folded for matching: ``Data di Nascita`` -> ``data_di_nascita``."""
    return "_".join(fold(str(text or "")).split())


def _lookup() -> dict[str, str]:
    table: dict[str, str] = {}
    for spec in COLUMNS:
        for spelling in (spec.name, *spec.synonyms):
            table[header_key(spelling)] = spec.name
            table[header_key(spelling).replace("_", "")] = spec.name
    return table


_LOOKUP = _lookup()


def column_for(header: object) -> str | None:
    """The column a header names, or None for a column FamilyDesk does not know."""
    key = header_key(header)
    return _LOOKUP.get(key) or _LOOKUP.get(key.replace("_", ""))
