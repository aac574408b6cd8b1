"""Name pools for demo data (plain data, no logic)."""

# Comuni of the Ambito di Suzzara with codice catastale and population (weights).
COMUNI = [
    ("Suzzara", "MN", "L020", 21_000),
    ("Gonzaga", "MN", "E089", 8_900),
    ("Pegognaga", "MN", "G417", 7_200),
    ("San Benedetto Po", "MN", "H771", 6_900),
    ("Moglia", "MN", "F267", 5_600),
    ("Motteggiana", "MN", "B012", 2_500),
]
#: The CAP of each comune, by codice catastale (one CAP per comune in the Ambito).
CAPS = {"L020": "46029", "E089": "46023", "G417": "46020", "H771": "46027", "F267": "46024",
        "B012": "46020"}  # fmt: skip
#: Birthplace of children born in the area (hospital of Mantova or the comune itself).
MANTOVA = ("Mantova", "E897")

STREETS = [
    "Via Roma", "Via Garibaldi", "Via Mazzini", "Viale della Repubblica", "Via Cavour",
    "Piazza Castello", "Via Dante Alighieri", "Via Matteotti", "Via Gramsci",
    "Via XX Settembre", "Via Marconi", "Via Po", "Via Montegrappa", "Via Bonazzi",
    "Strada Argine Po", "Via Zonta", "Via Tazio Nuvolari", "Via dei Mille",
]  # fmt: skip

ITALIAN_SURNAMES = [
    "Rossi", "Ferrari", "Bianchi", "Russo", "Gialdi", "Bertazzoni", "Benatti", "Malavasi",
    "Ghirardi", "Bottoli", "Bassoli", "Freddi", "Zanini", "Lui", "Pasquali", "Negri",
    "Bellini", "Storchi", "Guerzoni", "Ferrarini", "Pinotti", "Martinelli", "Bonfatti",
    "Caleffi", "Pavesi", "Soliani", "Artioli", "Gorni", "Tosi", "Righi", "Cavalca",
    "Esposito", "Romano", "Colombo", "Ricci", "Marino", "Greco", "Bruno", "Gallo",
    "Conti", "De Luca", "Costa", "Giordano", "Mancini", "Lombardi", "Moretti",
]  # fmt: skip
ITALIAN_FEMALE = [
    "Giulia", "Francesca", "Chiara", "Sara", "Martina", "Elena", "Valentina", "Silvia",
    "Federica", "Alessia", "Laura", "Anna", "Paola", "Elisa", "Ilaria", "Monica",
    "Sofia", "Aurora", "Ginevra", "Alice", "Beatrice", "Emma", "Vittoria", "Greta",
]  # fmt: skip
ITALIAN_MALE = [
    "Marco", "Andrea", "Luca", "Matteo", "Alessandro", "Davide", "Simone", "Stefano",
    "Paolo", "Giovanni", "Roberto", "Massimo", "Fabio", "Nicola", "Michele", "Daniele",
    "Leonardo", "Francesco", "Lorenzo", "Tommaso", "Edoardo", "Riccardo", "Gabriele",
]  # fmt: skip

#: Families of foreign origin: country, codice catastale of the country, surnames,
#: female and male first names, citizenship, languages spoken.
FOREIGN = [
    ("Marocco", "Z330", ["El Amrani", "Benali", "Ouahbi", "Bennani", "Tazi"],
     ["Fatima", "Khadija", "Salma", "Aya", "Meryem"], ["Mohamed", "Youssef", "Ayoub", "Omar", "Adam"], "marocchina", "arabo, francese"),
    ("India", "Z222", ["Singh", "Kaur", "Kumar", "Sharma"],
     ["Harpreet", "Simran", "Jaspreet", "Navneet"], ["Gurpreet", "Harjit", "Manpreet", "Arjun"], "indiana", "punjabi, hindi"),
    ("Pakistan", "Z236", ["Khan", "Ahmed", "Iqbal", "Hussain"],
     ["Ayesha", "Fatima", "Sana", "Zainab"], ["Ali", "Usman", "Bilal", "Hamza"], "pakistana", "urdu, inglese"),
    ("Albania", "Z100", ["Hoxha", "Shehu", "Dervishi", "Kola"],
     ["Elira", "Anisa", "Klea", "Ermira"], ["Arben", "Besnik", "Ermal", "Kledi"], "albanese", "albanese"),
    ("Romania", "Z129", ["Popescu", "Ionescu", "Popa", "Dumitru"],
     ["Ioana", "Elena", "Andreea", "Maria"], ["Andrei", "Mihai", "Ion", "Alexandru"], "rumena", "rumeno"),
    ("Nigeria", "Z335", ["Okafor", "Adeyemi", "Eze", "Obi"],
     ["Chioma", "Blessing", "Ngozi", "Precious"], ["Emeka", "Chinedu", "Samuel", "Daniel"], "nigeriana", "inglese"),
    ("Ghana", "Z318", ["Mensah", "Owusu", "Boateng", "Asante"],
     ["Abena", "Akosua", "Ama", "Efua"], ["Kwame", "Kofi", "Yaw", "Kwabena"], "ghanese", "inglese, twi"),
    ("Ucraina", "Z138", ["Kovalenko", "Shevchenko", "Bondarenko", "Melnyk"],
     ["Olena", "Iryna", "Natalia", "Oksana"], ["Oleksandr", "Andriy", "Dmytro", "Serhiy"], "ucraina", "ucraino, russo"),
    ("Bangladesh", "Z249", ["Rahman", "Islam", "Hossain", "Akter"],
     ["Nusrat", "Sadia", "Farzana", "Taslima"], ["Rakib", "Sabbir", "Tanvir", "Imran"], "bengalese", "bengalese"),
]  # fmt: skip
