"""Citizenships a person can declare, as the registry and the front desk record them.

What is stored is the Italian adjective in the feminine, as in "cittadinanza
marocchina" (``name``); the list shows it with the country, "marocchina (Marocco)",
so that typing either finds it. One entry per state whose citizens the centre may
meet (territories whose people hold another state's citizenship are left out), with
the country's codice catastale from python-codicefiscale's table ("" for Italy and
for the stateless). The names are data in Italian, like the comuni, whatever the
interface language.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class Citizenship:
    #: What is stored: "marocchina".
    name: str
    #: The state: "Marocco".
    country: str
    #: The state's codice catastale ("Z330"); "" for Italy and for the stateless.
    code: str

    @property
    def label(self) -> str:
        """What the list shows and the operator picks: "marocchina (Marocco)"."""
        return f"{self.name} ({self.country})"


ITALIAN = Citizenship("italiana", "Italia", "")
STATELESS = Citizenship("apolide", "nessuna cittadinanza", "")

#: Other spellings that name the same entry (folded, see ``_fold``).
ALIASES = {"romena": "rumena"}

_FOREIGN = (
    ("afghana", "Afghanistan", "Z200"),
    ("albanese", "Albania", "Z100"),
    ("algerina", "Algeria", "Z301"),
    ("andorrana", "Andorra", "Z101"),
    ("angolana", "Angola", "Z302"),
    ("antiguana", "Antigua e Barbuda", "Z532"),
    ("argentina", "Argentina", "Z600"),
    ("armena", "Armenia", "Z252"),
    ("australiana", "Australia", "Z700"),
    ("austriaca", "Austria", "Z102"),
    ("azera", "Azerbaigian", "Z253"),
    ("bahamense", "Bahamas", "Z502"),
    ("bahreinita", "Bahrein", "Z204"),
    ("barbadiana", "Barbados", "Z522"),
    ("belga", "Belgio", "Z103"),
    ("beliziana", "Belize", "Z512"),
    ("bengalese", "Bangladesh", "Z249"),
    ("beninese", "Benin", "Z314"),
    ("bhutanese", "Bhutan", "Z205"),
    ("bielorussa", "Bielorussia", "Z139"),
    ("birmana", "Myanmar", "Z206"),
    ("boliviana", "Bolivia", "Z601"),
    ("bosniaca", "Bosnia-Erzegovina", "Z153"),
    ("botswanese", "Botswana", "Z358"),
    ("brasiliana", "Brasile", "Z602"),
    ("britannica", "Regno Unito", "Z114"),
    ("bruneiana", "Brunei", "Z207"),
    ("bulgara", "Bulgaria", "Z104"),
    ("burkinabé", "Burkina Faso", "Z354"),
    ("burundese", "Burundi", "Z305"),
    ("cambogiana", "Cambogia", "Z208"),
    ("camerunese", "Camerun", "Z306"),
    ("canadese", "Canada", "Z401"),
    ("capoverdiana", "Capo Verde", "Z307"),
    ("ceca", "Repubblica Ceca", "Z156"),
    ("centrafricana", "Repubblica Centrafricana", "Z308"),
    ("ciadiana", "Ciad", "Z309"),
    ("cilena", "Cile", "Z603"),
    ("cinese", "Cina", "Z210"),
    ("cipriota", "Cipro", "Z211"),
    ("colombiana", "Colombia", "Z604"),
    ("comoriana", "Comore", "Z310"),
    ("congolese", "Congo", "Z311"),
    ("congolese della RDC", "Repubblica Democratica del Congo", "Z312"),
    ("costaricana", "Costa Rica", "Z503"),
    ("croata", "Croazia", "Z149"),
    ("cubana", "Cuba", "Z504"),
    ("danese", "Danimarca", "Z107"),
    ("dominicana", "Repubblica Dominicana", "Z505"),
    ("dominicense", "Dominica", "Z526"),
    ("ecuadoriana", "Ecuador", "Z605"),
    ("egiziana", "Egitto", "Z336"),
    ("emiratina", "Emirati Arabi Uniti", "Z215"),
    ("equatoguineana", "Guinea Equatoriale", "Z321"),
    ("eritrea", "Eritrea", "Z368"),
    ("estone", "Estonia", "Z144"),
    ("etiope", "Etiopia", "Z315"),
    ("figiana", "Figi", "Z704"),
    ("filippina", "Filippine", "Z216"),
    ("finlandese", "Finlandia", "Z109"),
    ("francese", "Francia", "Z110"),
    ("gabonese", "Gabon", "Z316"),
    ("gambiana", "Gambia", "Z317"),
    ("georgiana", "Georgia", "Z254"),
    ("ghanese", "Ghana", "Z318"),
    ("giamaicana", "Giamaica", "Z507"),
    ("giapponese", "Giappone", "Z219"),
    ("gibutiana", "Gibuti", "Z361"),
    ("giordana", "Giordania", "Z220"),
    ("greca", "Grecia", "Z115"),
    ("grenadina", "Grenada", "Z524"),
    ("guatemalteca", "Guatemala", "Z509"),
    ("guineana", "Guinea", "Z319"),
    ("guineense", "Guinea-Bissau", "Z320"),
    ("guyanese", "Guyana", "Z606"),
    ("haitiana", "Haiti", "Z510"),
    ("honduregna", "Honduras", "Z511"),
    ("indiana", "India", "Z222"),
    ("indonesiana", "Indonesia", "Z223"),
    ("irachena", "Iraq", "Z225"),
    ("iraniana", "Iran", "Z224"),
    ("irlandese", "Irlanda", "Z116"),
    ("islandese", "Islanda", "Z117"),
    ("israeliana", "Israele", "Z226"),
    ("ivoriana", "Costa d'Avorio", "Z313"),
    ("kazaka", "Kazakhstan", "Z255"),
    ("keniota", "Kenya", "Z322"),
    ("kirghisa", "Kirghizistan", "Z256"),
    ("kiribatiana", "Kiribati", "Z731"),
    ("kittitiana", "Saint Kitts e Nevis", "Z533"),
    ("kosovara", "Kosovo", "Z160"),
    ("kuwaitiana", "Kuwait", "Z227"),
    ("laotiana", "Laos", "Z228"),
    ("lesothiana", "Lesotho", "Z359"),
    ("lettone", "Lettonia", "Z145"),
    ("libanese", "Libano", "Z229"),
    ("liberiana", "Liberia", "Z325"),
    ("libica", "Libia", "Z326"),
    ("liechtensteinese", "Liechtenstein", "Z119"),
    ("lituana", "Lituania", "Z146"),
    ("lussemburghese", "Lussemburgo", "Z120"),
    ("macedone", "Macedonia del Nord", "Z148"),
    ("malawiana", "Malawi", "Z328"),
    ("maldiviana", "Maldive", "Z232"),
    ("malese", "Malaysia", "Z247"),
    ("malgascia", "Madagascar", "Z327"),
    ("maliana", "Mali", "Z329"),
    ("maltese", "Malta", "Z121"),
    ("marocchina", "Marocco", "Z330"),
    ("marshallese", "Isole Marshall", "Z711"),
    ("mauritana", "Mauritania", "Z331"),
    ("mauriziana", "Mauritius", "Z332"),
    ("messicana", "Messico", "Z514"),
    ("micronesiana", "Micronesia", "Z735"),
    ("moldava", "Moldova", "Z140"),
    ("monegasca", "Monaco", "Z123"),
    ("mongola", "Mongolia", "Z233"),
    ("montenegrina", "Montenegro", "Z159"),
    ("mozambicana", "Mozambico", "Z333"),
    ("namibiana", "Namibia", "Z300"),
    ("nauruana", "Nauru", "Z713"),
    ("neozelandese", "Nuova Zelanda", "Z719"),
    ("nepalese", "Nepal", "Z234"),
    ("nicaraguense", "Nicaragua", "Z515"),
    ("nigeriana", "Nigeria", "Z335"),
    ("nigerina", "Niger", "Z334"),
    ("nordcoreana", "Corea del Nord", "Z214"),
    ("norvegese", "Norvegia", "Z125"),
    ("olandese", "Paesi Bassi", "Z126"),
    ("omanita", "Oman", "Z235"),
    ("pakistana", "Pakistan", "Z236"),
    ("palauana", "Palau", "Z734"),
    ("palestinese", "Palestina", "Z161"),
    ("panamense", "Panama", "Z516"),
    ("papuana", "Papua Nuova Guinea", "Z730"),
    ("paraguaiana", "Paraguay", "Z610"),
    ("peruviana", "Perù", "Z611"),
    ("polacca", "Polonia", "Z127"),
    ("portoghese", "Portogallo", "Z128"),
    ("qatariota", "Qatar", "Z237"),
    ("ruandese", "Ruanda", "Z338"),
    ("rumena", "Romania", "Z129"),
    ("russa", "Russia", "Z154"),
    ("salomonese", "Isole Salomone", "Z724"),
    ("salvadoregna", "El Salvador", "Z506"),
    ("sammarinese", "San Marino", "Z130"),
    ("samoana", "Samoa", "Z726"),
    ("santaluciana", "Saint Lucia", "Z527"),
    ("santomense", "São Tomé e Príncipe", "Z341"),
    ("saudita", "Arabia Saudita", "Z203"),
    ("senegalese", "Senegal", "Z343"),
    ("serba", "Serbia", "Z158"),
    ("seychellese", "Seychelles", "Z342"),
    ("sierraleonese", "Sierra Leone", "Z344"),
    ("singaporiana", "Singapore", "Z248"),
    ("siriana", "Siria", "Z240"),
    ("slovacca", "Slovacchia", "Z155"),
    ("slovena", "Slovenia", "Z150"),
    ("somala", "Somalia", "Z345"),
    ("spagnola", "Spagna", "Z131"),
    ("srilankese", "Sri Lanka", "Z209"),
    ("statunitense", "Stati Uniti d'America", "Z404"),
    ("sudafricana", "Sudafrica", "Z347"),
    ("sudanese", "Sudan", "Z348"),
    ("sudcoreana", "Corea del Sud", "Z213"),
    ("sudsudanese", "Sud Sudan", "Z907"),
    ("surinamese", "Suriname", "Z608"),
    ("svedese", "Svezia", "Z132"),
    ("svizzera", "Svizzera", "Z133"),
    ("swazi", "Eswatini", "Z349"),
    ("tagika", "Tagikistan", "Z257"),
    ("taiwanese", "Taiwan", "Z217"),
    ("tanzaniana", "Tanzania", "Z357"),
    ("tedesca", "Germania", "Z112"),
    ("thailandese", "Thailandia", "Z241"),
    ("timorese", "Timor Est", "Z242"),
    ("togolese", "Togo", "Z351"),
    ("tongana", "Tonga", "Z728"),
    ("trinidadiana", "Trinidad e Tobago", "Z612"),
    ("tunisina", "Tunisia", "Z352"),
    ("turca", "Turchia", "Z243"),
    ("turkmena", "Turkmenistan", "Z258"),
    ("tuvaluana", "Tuvalu", "Z732"),
    ("ucraina", "Ucraina", "Z138"),
    ("ugandese", "Uganda", "Z353"),
    ("ungherese", "Ungheria", "Z134"),
    ("uruguaiana", "Uruguay", "Z613"),
    ("uzbeka", "Uzbekistan", "Z259"),
    ("vanuatuana", "Vanuatu", "Z733"),
    ("vaticana", "Città del Vaticano", "Z106"),
    ("venezuelana", "Venezuela", "Z614"),
    ("vietnamita", "Vietnam", "Z251"),
    ("vincentina", "Saint Vincent e Grenadine", "Z528"),
    ("yemenita", "Yemen", "Z246"),
    ("zambiana", "Zambia", "Z355"),
    ("zimbabwese", "Zimbabwe", "Z337"),
)


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", " ".join(text.split()))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@lru_cache(maxsize=1)
def all_citizenships() -> tuple[Citizenship, ...]:
    """Italian first (the most frequent), then the others by name, stateless last."""
    foreign = sorted((Citizenship(*row) for row in _FOREIGN), key=lambda c: _fold(c.name))
    return (ITALIAN, *foreign, STATELESS)


@lru_cache(maxsize=1)
def _index() -> dict[str, Citizenship]:
    index: dict[str, Citizenship] = {}
    for entry in all_citizenships():
        for key in (entry.label, entry.country, entry.name):  # the name wins a clash
            index[_fold(key)] = entry
    for alias, name in ALIASES.items():
        index[alias] = index[name]
    return index


def find(text: str) -> Citizenship | None:
    """The entry ``text`` names: its label, its name or its country (case, accents and
    extra spaces ignored); None for anything else, "marocch" or "Atlantide" included."""
    return _index().get(_fold(text)) if text.strip() else None
