"""Plain data for the demo's partners (esercizi convenzionati) and their benefits (no logic).

Each kind of partner has a category, weekly opening hours and the benefits such
partners give in the family card schemes of Lombardy and Emilia: a pharmacy takes
a few percent off baby products, a museum lets the family in free, a sports club
takes an amount off the yearly fee. The demo draws one to three of them for each
partner. Names, addresses and people are invented.
"""

from __future__ import annotations

from dataclasses import dataclass

#: Card types a benefit applies to: "F" Carta Famiglia, "G" Carta Giovani.
FAMILY, YOUTH, BOTH = "F", "G", "FG"

_MON_SAT = range(6)
_MON_FRI = range(5)


def _week(days: range | tuple[int, ...], *spans: tuple[str, str]) -> dict[int, tuple[tuple[str, str], ...]]:  # fmt: skip
    return {day: spans for day in days}


#: Opening hours by kind of partner: weekday (0 Monday) -> ("HH:MM", "HH:MM") spans.
#: Every partner is closed on public holidays.
HOURS: dict[str, dict[int, tuple[tuple[str, str], ...]]] = {
    "shop": _week(_MON_SAT, ("09:00", "12:30"), ("15:30", "19:30")),
    "pharmacy": _week(_MON_SAT, ("08:30", "12:30"), ("15:00", "19:30")),
    "food": _week(_MON_SAT, ("08:00", "13:00"), ("16:00", "19:30")),
    "museum": _week((1, 2, 3, 4, 5, 6), ("10:00", "13:00"), ("15:00", "18:00")),
    "theatre": {**_week((3, 4, 5), ("20:00", "23:00")), 6: (("15:30", "18:30"), ("20:00", "22:30"))},
    "cinema": _week((0, 2, 3, 4, 5, 6), ("15:00", "23:00")),
    "library": {0: (("14:30", "18:30"),), **_week((1, 2, 3, 4), ("09:00", "12:30"), ("14:30", "18:30")),
                5: (("09:00", "12:30"),)},
    "pool": {**_week(_MON_SAT, ("09:00", "21:30")), 6: (("09:00", "13:00"),)},
    "gym": {**_week(_MON_FRI, ("07:00", "22:00")), 5: (("09:00", "18:00"),)},
    "club": {**_week(_MON_FRI, ("16:30", "20:00")), 5: (("09:00", "12:00"),)},
    "service": _week(_MON_FRI, ("09:00", "13:00"), ("14:00", "18:00")),
}  # fmt: skip


@dataclass(frozen=True)
class Offer:
    """A benefit as the partner's agreement words it."""

    kind: str  # percent, amount, free_entry, other
    value: str | None
    description: str
    conditions: str
    types: str = FAMILY


@dataclass(frozen=True)
class Kind:
    category: str
    hours: str
    offers: tuple[Offer, ...]


_O = Offer
KINDS: dict[str, Kind] = {
    "farmacia": Kind("commercial", "pharmacy", (
        _O("percent", "10", "su prodotti per l'infanzia e l'igiene del bambino",
           "Esclusi i farmaci con obbligo di ricetta e i prodotti già in promozione."),
        _O("percent", "5", "su parafarmaci e integratori", "Non cumulabile con altre promozioni.", BOTH),
        _O("amount", "3", "sull'acquisto di latte per l'infanzia",
           "Una volta al mese per famiglia, con una spesa di almeno 20 €."))),
    "libreria": Kind("commercial", "shop", (
        _O("percent", "15", "su libri per bambini e ragazzi", "Esclusi i libri scolastici."),
        _O("percent", "10", "sui libri scolastici", "Prenotando i testi entro il 31 luglio.", BOTH),
        _O("percent", "10", "su libri, fumetti e giochi da tavolo", "", YOUTH))),
    "cartoleria": Kind("commercial", "shop", (
        _O("percent", "10", "sul materiale scolastico", "Esclusi i libri di testo.", BOTH),
        _O("amount", "5", "sul corredo scolastico",
           "Con una spesa di almeno 30 €, da agosto a ottobre."))),
    "infanzia": Kind("commercial", "shop", (
        _O("percent", "10", "sull'abbigliamento 0-14 anni", "Non cumulabile con i saldi."),
        _O("percent", "15", "su passeggini, seggiolini auto e lettini",
           "Presentando la carta prima del pagamento."),
        _O("other", None, "Consegna a domicilio gratuita nei comuni dell'Ambito",
           "Per acquisti di almeno 50 €."))),
    "alimentari": Kind("commercial", "food", (
        _O("percent", "5", "sulla spesa", "Con una spesa di almeno 30 €; esclusi alcolici e tabacchi."),
        _O("amount", "2", "ogni 25 € di spesa", "Esclusi alcolici, tabacchi e ricariche telefoniche."),
        _O("percent", "10", "su frutta e verdura di stagione", "Il martedì e il giovedì."))),
    "forno": Kind("commercial", "food", (
        _O("percent", "10", "su pane, pizza e prodotti da forno", ""),
        _O("other", None, "Merenda omaggio per i bambini il sabato mattina",
           "Un omaggio per bambino, presentando la carta."))),
    "calzature": Kind("commercial", "shop", (
        _O("percent", "10", "sulle calzature per bambini e ragazzi", "Non cumulabile con i saldi."),
        _O("percent", "10", "sulle scarpe sportive", "", YOUTH))),
    "ottica": Kind("commercial", "shop", (
        _O("percent", "20", "sugli occhiali da vista per i minori", "Montatura e lenti."),
        _O("percent", "15", "su lenti a contatto e occhiali da sole", "", BOTH))),
    "museo": Kind("cultural", "museum", (
        _O("free_entry", None, "", "Per i componenti della famiglia indicati sulla carta.", BOTH),
        _O("other", None, "Laboratori didattici per bambini a 2 € invece di 5 €",
           "Su prenotazione, la domenica pomeriggio."))),
    "teatro": Kind("cultural", "theatre", (
        _O("percent", "20", "sugli spettacoli della stagione", "Fino a esaurimento dei posti riservati.", BOTH),
        _O("free_entry", None, "", "Rassegna di teatro ragazzi: bambini sotto i 14 anni con un adulto pagante."),
        _O("amount", "10", "sull'abbonamento alla stagione di prosa", "", YOUTH))),
    "cinema": Kind("cultural", "cinema", (
        _O("amount", "2", "sul biglietto d'ingresso", "Esclusi gli spettacoli in 3D e le anteprime.", BOTH),
        _O("free_entry", None, "", "Bambini sotto i 6 anni accompagnati, escluso il sabato sera."),
        _O("percent", "30", "sul biglietto del mercoledì", "", YOUTH))),
    "biblioteca": Kind("cultural", "library", (
        _O("percent", "50", "sui corsi e i laboratori a pagamento", "", BOTH),
        _O("free_entry", None, "", "Letture «Nati per leggere» e laboratori per bambini 0-6 anni."),
        _O("other", None, "Prestito digitale e quotidiani online inclusi nella tessera", "", YOUTH))),
    "piscina": Kind("sports", "pool", (
        _O("percent", "20", "sugli abbonamenti al nuoto libero e ai corsi", ""),
        _O("free_entry", None, "", "Bambini sotto i 10 anni con un adulto, il sabato e la domenica."),
        _O("percent", "15", "sul nuoto libero", "", YOUTH))),
    "palestra": Kind("sports", "gym", (
        _O("percent", "15", "sull'abbonamento trimestrale o annuale", "", YOUTH),
        _O("amount", "30", "sull'iscrizione", "Per i genitori titolari della carta."),
        _O("other", None, "Una settimana di prova gratuita", "", BOTH))),
    "societa": Kind("sports", "club", (
        _O("amount", "30", "sulla quota di iscrizione annuale",
           "Dal secondo figlio iscritto lo sconto è di 50 €."),
        _O("percent", "20", "sulla quota annuale", "", YOUTH),
        _O("other", None, "Kit sportivo gratuito (maglia e borraccia) al primo anno", ""))),
    "musica": Kind("educational", "service", (
        _O("percent", "15", "sui corsi di strumento e di canto", "", BOTH),
        _O("other", None, "Lezione di prova gratuita", ""),
        _O("percent", "25", "sui corsi di propedeutica musicale 3-6 anni",
           "Dal secondo figlio iscritto."))),
    "ludoteca": Kind("educational", "service", (
        _O("free_entry", None, "", "Bambini 0-10 anni con un adulto, nei pomeriggi di apertura."),
        _O("other", None, "Feste di compleanno a tariffa ridotta (60 € invece di 90 €)",
           "Su prenotazione, il sabato."))),
    "centro_estivo": Kind("educational", "service", (
        _O("amount", "20", "a settimana sulla quota del centro estivo", "Dalla seconda settimana di frequenza."),
        _O("percent", "10", "sul servizio di pre e post accoglienza", ""))),
    "doposcuola": Kind("educational", "service", (
        _O("percent", "25", "sulla retta mensile del doposcuola", "Per gli alunni delle primarie e delle medie."),
        _O("percent", "15", "sulle ripetizioni individuali", "", YOUTH))),
    "lingue": Kind("educational", "service", (
        _O("percent", "15", "sui corsi di lingua per ragazzi", "", BOTH),
        _O("amount", "50", "sui corsi per le certificazioni linguistiche", "", YOUTH))),
    "emporio": Kind("social", "service", (
        _O("other", None, "Accesso all'emporio solidale con punti spesa maggiorati",
           "Con il progetto concordato con l'assistente sociale."),
        _O("percent", "20", "sui prodotti per l'infanzia dell'emporio", ""))),
    "caf": Kind("social", "service", (
        _O("other", None, "Compilazione gratuita della DSU per l'ISEE", "Su appuntamento.", BOTH),
        _O("amount", "15", "sulla dichiarazione dei redditi (modello 730)", ""))),
    "babysitter": Kind("social", "service", (
        _O("percent", "20", "sulla tariffa oraria del servizio di babysitting", "Per bambini 0-10 anni."),
        _O("other", None, "Primo incontro di conoscenza gratuito", ""))),
    "dentista": Kind("social", "service", (
        _O("percent", "20", "sulle cure odontoiatriche per i minori", "Esclusa l'ortodonzia."),
        _O("other", None, "Visita di controllo e igiene gratuite una volta l'anno", "", BOTH))),
}  # fmt: skip

#: How a partner's agreement runs: "" in force, "ended" (ended in the last year),
#: "future" (starts next month).
ENDED, FUTURE = "ended", "future"

#: (codice catastale, kind, name, agreement).
PARTNERS: list[tuple[str, str, str, str]] = [
    ("L020", "farmacia", "Farmacia Comunale Suzzara 1", ""),
    ("L020", "farmacia", "Farmacia San Rocco", ""),
    ("L020", "libreria", "Libreria Il Segnalibro", ""),
    ("L020", "cartoleria", "Cartoleria La Matita Blu", ""),
    ("L020", "infanzia", "Il Mondo dei Piccoli", ""),
    ("L020", "alimentari", "Alimentari Da Nadia", ""),
    ("L020", "calzature", "Calzature Pasquali", ENDED),
    ("L020", "ottica", "Ottica Bottoli", ""),
    ("L020", "museo", "Galleria Civica d'Arte Contemporanea", ""),
    ("L020", "teatro", "Teatro Comunale di Suzzara", ""),
    ("L020", "cinema", "Cinema Politeama", ""),
    ("L020", "biblioteca", "Biblioteca Comunale di Suzzara", ""),
    ("L020", "piscina", "Piscina Comunale di Suzzara", ""),
    ("L020", "palestra", "Palestra Energy Fitness", ""),
    ("L020", "societa", "A.S.D. Suzzara Calcio Giovani", ""),
    ("L020", "societa", "Pallavolo Suzzara A.S.D.", ""),
    ("L020", "musica", "Scuola di Musica Arcobaleno", ""),
    ("L020", "doposcuola", "Doposcuola Compiti Insieme", ""),
    ("L020", "emporio", "Emporio Solidale «La Dispensa»", ""),
    ("L020", "caf", "CAF Patronato Famiglie", ""),
    ("L020", "dentista", "Ambulatorio Odontoiatrico Sociale", ""),
    ("E089", "farmacia", "Farmacia Dottor Negri", ""),
    ("E089", "infanzia", "Baby Planet", ""),
    ("E089", "alimentari", "Latteria Sociale San Pietro", ""),
    ("E089", "forno", "Forno Pasticceria Malavasi", ""),
    ("E089", "libreria", "Libreria Fiera dei Libri", ""),
    ("E089", "museo", "Museo Civico di Gonzaga", ""),
    ("E089", "biblioteca", "Biblioteca Comunale di Gonzaga", ""),
    ("E089", "cinema", "Cinema Teatro Ariston", ENDED),
    ("E089", "societa", "Tennis Club Gonzaga", ""),
    ("E089", "palestra", "Centro Fitness Corpo Libero", ""),
    ("E089", "ludoteca", "Ludoteca Il Paese dei Balocchi", ""),
    ("E089", "babysitter", "Cooperativa Sociale Tata Amica", ""),
    ("G417", "farmacia", "Farmacia Centrale di Pegognaga", ""),
    ("G417", "cartoleria", "Cartolibreria Il Quaderno", ""),
    ("G417", "alimentari", "Macelleria Salumeria Freddi", ""),
    ("G417", "infanzia", "Girotondo Abbigliamento 0-14", FUTURE),
    ("G417", "biblioteca", "Biblioteca Comunale di Pegognaga", ""),
    ("G417", "teatro", "Teatro Anselmi", ""),
    ("G417", "societa", "Judo Club Pegognaga", ""),
    ("G417", "piscina", "Piscina Comunale di Pegognaga", ""),
    ("G417", "lingue", "English Point Scuola di Lingue", ""),
    ("G417", "centro_estivo", "Centro Estivo Estate Insieme", ""),
    ("H771", "farmacia", "Farmacia del Polirone", ""),
    ("H771", "forno", "Panificio Bassoli", ""),
    ("H771", "alimentari", "Alimentari Storchi", ""),
    ("H771", "museo", "Museo Civico di San Benedetto Po", ""),
    ("H771", "biblioteca", "Biblioteca Comunale di San Benedetto Po", ""),
    ("H771", "societa", "Centro Ippico Argine Po", ""),
    ("H771", "societa", "Canoa Club San Benedetto", ENDED),
    ("H771", "musica", "Banda Musicale Cittadina", ""),
    ("H771", "dentista", "Studio Dentistico Solidale", ""),
    ("H771", "ludoteca", "Ludoteca Comunale Girogirotondo", ""),
    ("F267", "farmacia", "Farmacia di Moglia", ""),
    ("F267", "alimentari", "Minimarket Caleffi", ""),
    ("F267", "cartoleria", "Cartoleria Artioli", ""),
    ("F267", "biblioteca", "Biblioteca Comunale di Moglia", ""),
    ("F267", "societa", "Polisportiva Moglia", ""),
    ("F267", "palestra", "Palestra Comunale Moglia", ""),
    ("F267", "centro_estivo", "Grest Parrocchiale di Moglia", ENDED),
    ("F267", "emporio", "Emporio Solidale Bassa Mantovana", ""),
    ("B012", "farmacia", "Farmacia di Motteggiana", ""),
    ("B012", "alimentari", "Bottega di Villa Saviola", ""),
    ("B012", "biblioteca", "Biblioteca Comunale di Motteggiana", ""),
    ("B012", "societa", "A.S.D. Motteggiana Calcio", ""),
    ("B012", "ludoteca", "Spazio Gioco Il Trenino", ""),
    ("B012", "caf", "CAF Sportello Famiglie di Motteggiana", ""),
]

#: Contact people's roles at the partner.
CONTACT_ROLES = ("titolare", "responsabile", "segreteria", "referente convenzioni")
