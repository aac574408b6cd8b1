"""The columns of a directory spreadsheet (mappatura dei servizi): one row per service,
its organisation's columns first.

As for families, column names are data: Italian in every language (the export and
the report use them); a header is matched folded (case, accents, spaces, dashes and
underscores ignored) and English names are accepted too. ``JSON_FIELDS`` names where
each column's value sits in the JSON export (``organisation.name``...).
"""

from __future__ import annotations

from dataclasses import dataclass

from familydesk.transfer.columns import header_key

REQUIRED = ("organizzazione", "servizio")


@dataclass(frozen=True)
class ServiceColumn:
    name: str
    #: The field of OrganisationInput / ServiceInput it fills (the errors name it).
    field: str
    #: Whether it belongs to the organisation (the same on every row of one).
    organisation: bool
    synonyms: tuple[str, ...] = ()


def _org(name: str, field: str, *synonyms: str) -> ServiceColumn:
    return ServiceColumn(name, field, True, synonyms)


def _svc(name: str, field: str, *synonyms: str) -> ServiceColumn:
    return ServiceColumn(name, field, False, synonyms)


#: Every column, in the export's order.
COLUMNS: tuple[ServiceColumn, ...] = (
    _org("organizzazione", "name", "organisation", "organization", "ente", "nome_ente"),
    _org("tipo_organizzazione", "kind", "organisation_kind", "kind", "tipo_ente", "tipologia"),
    _org(
        "codice_fiscale_organizzazione",
        "tax_code",
        "organisation_tax_code",
        "tax_code",
        "codice_fiscale",
        "partita_iva",
        "vat_number",
        "cf_piva",
    ),
    _org("comune_organizzazione", "comune_name", "organisation_comune", "comune_ente"),
    _org("codice_comune_organizzazione", "comune_code", "organisation_comune_code"),
    _org("indirizzo_organizzazione", "address", "organisation_address", "indirizzo_ente"),
    _org("cap_organizzazione", "postal_code", "organisation_postal_code", "cap_ente"),
    _org("telefono_organizzazione", "phone", "organisation_phone", "telefono_ente"),
    _org("email_organizzazione", "email", "organisation_email", "email_ente"),
    _org("web_organizzazione", "web", "organisation_web", "sito_ente"),
    _org("note_organizzazione", "notes", "organisation_notes"),
    _org("organizzazione_attiva", "active", "organisation_active"),
    _svc("servizio", "name", "service", "service_name", "nome_servizio", "name"),
    _svc("descrizione", "description", "description"),
    _svc("comune", "comune_name", "comune_name", "municipality", "comune_servizio"),
    _svc("codice_comune", "comune_code", "comune_code"),
    _svc("indirizzo", "address", "address", "sede"),
    _svc("cap", "postal_code", "postal_code", "postcode", "zip"),
    _svc("tutto_ambito", "whole_area", "whole_area", "tutto_l_ambito", "intero_ambito"),
    _svc("telefono", "phone", "phone", "telephone", "tel"),
    _svc("email", "email", "e_mail", "mail"),
    _svc("web", "web", "website", "sito", "sito_web"),
    _svc("orari", "hours", "hours", "opening_hours", "orario", "orari_di_apertura"),
    _svc("eta_da", "age_min", "age_from", "age_min", "eta_minima", "eta_min"),
    _svc("eta_a", "age_max", "age_to", "age_max", "eta_massima", "eta_max"),
    _svc("destinatari", "audience", "who_it_is_for", "audience", "per_chi", "target"),
    _svc("residenza", "residence", "residence"),
    _svc("costo", "cost", "cost", "costi", "tariffa"),
    _svc("lingue", "languages", "languages", "lingue_parlate"),
    _svc("accesso", "access", "access", "how_to_get_in", "modalita_di_accesso", "modalita_accesso"),
    _svc("cosa_portare", "bring", "what_to_bring", "bring", "documenti"),
    _svc("referente", "contact_person", "contact_person", "contact"),
    _svc("verificato_il", "checked_on", "last_checked", "checked_on", "ultima_verifica"),
    _svc("attivo", "active", "active", "servizio_attivo"),
    _svc("bisogni", "need_ids", "needs", "categoria", "category", "categorie", "aree"),
    _svc("uid", "uid", "service_uid", "uid_servizio", "id_servizio"),
)

COLUMN_NAMES = tuple(column.name for column in COLUMNS)
BY_NAME = {column.name: column for column in COLUMNS}
ORGANISATION_COLUMNS = tuple(column.name for column in COLUMNS if column.organisation)
#: The field a save reports an error on -> the column it came from.
ORGANISATION_FIELD_COLUMNS = {c.field: c.name for c in COLUMNS if c.organisation}
SERVICE_FIELD_COLUMNS = {c.field: c.name for c in COLUMNS if not c.organisation}

#: The JSON export's keys, by column: the organisation's under ``organisation``.
JSON_FIELDS = {
    column.name: (
        ("organisation", column.field)
        if column.organisation
        else ("needs" if column.field == "need_ids" else column.field,)
    )
    for column in COLUMNS
}


def _lookup() -> dict[str, str]:
    table: dict[str, str] = {}
    for column in reversed(COLUMNS):  # a column's own name wins over another's synonym
        for spelling in (*column.synonyms, column.name):
            table[header_key(spelling)] = column.name
            table[header_key(spelling).replace("_", "")] = column.name
    for column in COLUMNS:
        table[header_key(column.name)] = column.name
        table[header_key(column.name).replace("_", "")] = column.name
    return table


_LOOKUP = _lookup()


def column_for(header: object) -> str | None:
    """The column a header names, or None for a column FamilyDesk does not know."""
    key = header_key(header)
    return _LOOKUP.get(key) or _LOOKUP.get(key.replace("_", ""))
