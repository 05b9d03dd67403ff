"""Word lists analyze/ relies on: titles, title modifiers, honorifics, nationalities and countries.

Everything here is plain data (lower-cased keys) so rules elsewhere stay readable and the lists
can grow without touching code.
"""

from __future__ import annotations

# ---- countries --------------------------------------------------------------------------------

#: Common English country name -> ISO 3166-1 alpha-2 code.
COUNTRIES: dict[str, str] = {
    "afghanistan": "AF", "albania": "AL", "algeria": "DZ", "andorra": "AD", "angola": "AO",
    "argentina": "AR", "armenia": "AM", "australia": "AU", "austria": "AT", "azerbaijan": "AZ",
    "bahamas": "BS", "bahrain": "BH", "bangladesh": "BD", "barbados": "BB", "belarus": "BY",
    "belgium": "BE", "belize": "BZ", "benin": "BJ", "bhutan": "BT", "bolivia": "BO",
    "bosnia and herzegovina": "BA", "bosnia": "BA", "botswana": "BW", "brazil": "BR",
    "brunei": "BN", "bulgaria": "BG", "burkina faso": "BF", "burundi": "BI", "cambodia": "KH",
    "cameroon": "CM", "canada": "CA", "cape verde": "CV", "central african republic": "CF",
    "chad": "TD", "chile": "CL", "china": "CN", "colombia": "CO", "comoros": "KM",
    "congo": "CG", "democratic republic of the congo": "CD", "dr congo": "CD", "drc": "CD",
    "costa rica": "CR", "croatia": "HR", "cuba": "CU", "cyprus": "CY", "czech republic": "CZ",
    "czechia": "CZ", "denmark": "DK", "djibouti": "DJ", "dominican republic": "DO",
    "ecuador": "EC", "egypt": "EG", "el salvador": "SV", "equatorial guinea": "GQ",
    "eritrea": "ER", "estonia": "EE", "eswatini": "SZ", "ethiopia": "ET", "fiji": "FJ",
    "finland": "FI", "france": "FR", "gabon": "GA", "gambia": "GM", "georgia": "GE",
    "germany": "DE", "ghana": "GH", "greece": "GR", "guatemala": "GT", "guinea": "GN",
    "guyana": "GY", "haiti": "HT", "honduras": "HN", "hungary": "HU", "iceland": "IS",
    "india": "IN", "indonesia": "ID", "iran": "IR", "iraq": "IQ", "ireland": "IE",
    "israel": "IL", "italy": "IT", "ivory coast": "CI", "jamaica": "JM", "japan": "JP",
    "jordan": "JO", "kazakhstan": "KZ", "kenya": "KE", "kosovo": "XK", "kuwait": "KW",
    "kyrgyzstan": "KG", "laos": "LA", "latvia": "LV", "lebanon": "LB", "lesotho": "LS",
    "liberia": "LR", "libya": "LY", "liechtenstein": "LI", "lithuania": "LT",
    "luxembourg": "LU", "madagascar": "MG", "malawi": "MW", "malaysia": "MY", "maldives": "MV",
    "mali": "ML", "malta": "MT", "mauritania": "MR", "mauritius": "MU", "mexico": "MX",
    "moldova": "MD", "monaco": "MC", "mongolia": "MN", "montenegro": "ME", "morocco": "MA",
    "mozambique": "MZ", "myanmar": "MM", "burma": "MM", "namibia": "NA", "nepal": "NP",
    "netherlands": "NL", "holland": "NL", "new zealand": "NZ", "nicaragua": "NI", "niger": "NE",
    "nigeria": "NG", "north korea": "KP", "north macedonia": "MK", "norway": "NO", "oman": "OM",
    "pakistan": "PK", "palestine": "PS", "panama": "PA", "papua new guinea": "PG",
    "paraguay": "PY", "peru": "PE", "philippines": "PH", "poland": "PL", "portugal": "PT",
    "qatar": "QA", "romania": "RO", "russia": "RU", "russian federation": "RU", "rwanda": "RW",
    "saudi arabia": "SA", "senegal": "SN", "serbia": "RS", "sierra leone": "SL",
    "singapore": "SG", "slovakia": "SK", "slovenia": "SI", "somalia": "SO",
    "south africa": "ZA", "south korea": "KR", "korea": "KR", "south sudan": "SS", "spain": "ES",
    "sri lanka": "LK", "sudan": "SD", "suriname": "SR", "sweden": "SE", "switzerland": "CH",
    "syria": "SY", "taiwan": "TW", "tajikistan": "TJ", "tanzania": "TZ", "thailand": "TH",
    "togo": "TG", "trinidad and tobago": "TT", "tunisia": "TN", "turkey": "TR", "turkiye": "TR",
    "türkiye": "TR", "turkmenistan": "TM", "uganda": "UG", "ukraine": "UA",
    "united arab emirates": "AE", "uae": "AE", "u.a.e.": "AE", "united kingdom": "GB",
    "uk": "GB", "u.k.": "GB", "britain": "GB", "great britain": "GB", "england": "GB",
    "scotland": "GB", "wales": "GB", "united states": "US", "united states of america": "US",
    "us": "US", "u.s.": "US", "u.s": "US", "usa": "US", "u.s.a.": "US", "america": "US",
    "uruguay": "UY", "uzbekistan": "UZ", "vatican": "VA", "venezuela": "VE", "vietnam": "VN",
    "viet nam": "VN", "yemen": "YE", "zambia": "ZM", "zimbabwe": "ZW",
}

#: ISO alpha-2 -> the name analyze/ uses as canonical for that country.
COUNTRY_NAMES: dict[str, str] = {
    "US": "United States", "GB": "United Kingdom", "RU": "Russia", "CN": "China", "UA": "Ukraine",
    "AE": "United Arab Emirates", "CD": "Democratic Republic of the Congo", "KR": "South Korea",
    "KP": "North Korea", "NL": "Netherlands", "CZ": "Czech Republic", "TR": "Turkey",
    "MM": "Myanmar", "BA": "Bosnia and Herzegovina", "VN": "Vietnam",
}

#: Nationality / demonym adjective -> ISO alpha-2 code.
NATIONALITIES: dict[str, str] = {
    "afghan": "AF", "albanian": "AL", "algerian": "DZ", "angolan": "AO", "argentine": "AR",
    "argentinian": "AR", "armenian": "AM", "australian": "AU", "austrian": "AT",
    "azerbaijani": "AZ", "azeri": "AZ", "bahraini": "BH", "bangladeshi": "BD",
    "belarusian": "BY", "belgian": "BE", "bolivian": "BO", "bosnian": "BA", "brazilian": "BR",
    "british": "GB", "briton": "GB", "english": "GB", "scottish": "GB", "welsh": "GB",
    "bulgarian": "BG", "burmese": "MM", "cambodian": "KH", "cameroonian": "CM",
    "canadian": "CA", "chadian": "TD", "chilean": "CL", "chinese": "CN", "colombian": "CO",
    "congolese": "CD", "croatian": "HR", "cuban": "CU", "cypriot": "CY", "czech": "CZ",
    "danish": "DK", "dutch": "NL", "ecuadorian": "EC", "egyptian": "EG", "emirati": "AE",
    "eritrean": "ER", "estonian": "EE", "ethiopian": "ET", "filipino": "PH", "finnish": "FI",
    "french": "FR", "georgian": "GE", "german": "DE", "ghanaian": "GH", "greek": "GR",
    "guatemalan": "GT", "haitian": "HT", "honduran": "HN", "hungarian": "HU",
    "icelandic": "IS", "indian": "IN", "indonesian": "ID", "iranian": "IR", "iraqi": "IQ",
    "irish": "IE", "israeli": "IL", "italian": "IT", "ivorian": "CI", "jamaican": "JM",
    "japanese": "JP", "jordanian": "JO", "kazakh": "KZ", "kenyan": "KE", "kosovar": "XK",
    "kuwaiti": "KW", "kyrgyz": "KG", "lao": "LA", "latvian": "LV", "lebanese": "LB",
    "liberian": "LR", "libyan": "LY", "lithuanian": "LT", "luxembourgish": "LU",
    "malagasy": "MG", "malaysian": "MY", "malian": "ML", "maltese": "MT", "mexican": "MX",
    "moldovan": "MD", "mongolian": "MN", "montenegrin": "ME", "moroccan": "MA",
    "mozambican": "MZ", "namibian": "NA", "nepalese": "NP", "nepali": "NP",
    "new zealand": "NZ", "nicaraguan": "NI", "nigerian": "NG", "nigerien": "NE",
    "north korean": "KP", "norwegian": "NO", "omani": "OM", "pakistani": "PK",
    "palestinian": "PS", "panamanian": "PA", "paraguayan": "PY", "peruvian": "PE",
    "philippine": "PH", "polish": "PL", "portuguese": "PT", "qatari": "QA", "romanian": "RO",
    "russian": "RU", "rwandan": "RW", "saudi": "SA", "senegalese": "SN", "serbian": "RS",
    "singaporean": "SG", "slovak": "SK", "slovenian": "SI", "somali": "SO",
    "south african": "ZA", "south korean": "KR", "korean": "KR", "south sudanese": "SS",
    "spanish": "ES", "sri lankan": "LK", "sudanese": "SD", "swedish": "SE", "swiss": "CH",
    "syrian": "SY", "taiwanese": "TW", "tajik": "TJ", "tanzanian": "TZ", "thai": "TH",
    "tunisian": "TN", "turkish": "TR", "turkmen": "TM", "ugandan": "UG", "ukrainian": "UA",
    "american": "US", "u.s.": "US", "us": "US", "uruguayan": "UY", "uzbek": "UZ",
    "venezuelan": "VE", "vietnamese": "VN", "yemeni": "YE", "zambian": "ZM",
    "zimbabwean": "ZW", "soviet": "RU",
}

#: Endings of nationality adjectives, longest first: a capitalised word with one of them right
#: before a title ("Kestrian Foreign Minister") is read as a nationality the lexicon lacks.
DEMONYM_SUFFIXES: tuple[str, ...] = ("ian", "ean", "ese", "ish", "an", "ic", "i")

#: Capitalised words with a nationality ending that are ordinary words, not nationalities
#: ("Veteran Minister", "Public Prosecutor", "Islamic Republic").
DEMONYM_LOOKALIKES: frozenset[str] = frozenset({
    "veteran", "human", "urban", "public", "electric", "academic", "comic", "basic", "magic",
    "music", "clinic", "critic", "republic", "republican", "catholic", "islamic", "democratic",
    "historic", "strategic", "economic", "diplomatic", "atlantic", "pacific", "arctic",
    "olympic", "titanic", "logistic", "scientific", "specific", "civic", "ethnic", "organic",
    "medic", "cleric", "traffic", "plastic", "mechanic", "technician", "physician", "musician",
    "politician", "guardian", "librarian", "historian", "civilian", "veterinarian", "median",
    "christian", "anglican", "lutheran", "puritan", "spartan", "titan", "caravan",
    "woman", "man", "chairman", "spokesman", "ombudsman", "fisherman", "nobleman", "alderman",
    "layman", "sultan", "khan", "shogun", "partisan", "artisan", "rubbish", "parish", "amish",
    "jewish", "selfish", "diocese", "obese", "manganese", "mini", "taxi", "safari", "alibi",
    "khaki", "kiwi", "wiki",
})

#: Titles that follow company names far more often than nationalities ("Nissan CEO",
#: "Morgan analyst"): no evidence that the word before them is a nationality.
CORPORATE_TITLES: frozenset[str] = frozenset({
    "ceo", "chief executive", "chief executive officer", "founder", "co-founder", "owner",
    "executive", "manager", "analyst", "economist", "researcher", "scientist",
})

# ---- people -----------------------------------------------------------------------------------

#: Honorifics that precede a name (compared lower-cased, with and without the dot).
HONORIFICS: frozenset[str] = frozenset({
    "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "miss", "dr", "dr.", "prof", "prof.", "sir",
    "dame", "lord", "lady", "mx", "mx.", "messrs", "messrs.",
})

#: Gender an honorific implies, used to keep pronouns from crossing genders.
HONORIFIC_GENDER: dict[str, str] = {
    "mr": "m", "mr.": "m", "sir": "m", "lord": "m", "messrs": "m", "messrs.": "m",
    "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f", "miss": "f", "dame": "f", "lady": "f",
}

#: Title phrase (lower-cased) -> canonical form. Offices are capitalised, generic roles are not.
TITLES: dict[str, str] = {
    "president": "President", "vice president": "Vice President",
    "vice-president": "Vice President", "president-elect": "President-elect",
    "prime minister": "Prime Minister", "premier": "Premier", "chancellor": "Chancellor",
    "minister": "Minister", "secretary": "Secretary", "secretary of state": "Secretary of State",
    "secretary general": "Secretary General", "secretary-general": "Secretary General",
    "director general": "Director General", "director-general": "Director General",
    "director": "Director", "deputy director": "Deputy Director",
    "national security adviser": "National Security Adviser",
    "national security advisor": "National Security Adviser",
    "spokesperson": "spokesperson", "spokesman": "spokesman", "spokeswoman": "spokeswoman",
    "press secretary": "Press Secretary", "chief": "chief", "head": "head", "leader": "leader",
    "supreme leader": "Supreme Leader", "envoy": "envoy", "special envoy": "special envoy",
    "ambassador": "Ambassador", "diplomat": "diplomat", "negotiator": "negotiator",
    "ceo": "CEO", "chief executive": "chief executive", "chief executive officer": "CEO",
    "chairman": "Chairman", "chairwoman": "Chairwoman", "chair": "Chair",
    "chairperson": "Chair", "founder": "founder", "co-founder": "co-founder",
    "general": "General", "gen.": "General", "lieutenant general": "Lieutenant General",
    "lt. gen.": "Lieutenant General", "lt gen": "Lieutenant General",
    "major general": "Major General", "maj. gen.": "Major General",
    "brigadier general": "Brigadier General", "brig. gen.": "Brigadier General",
    "colonel": "Colonel", "col.": "Colonel", "lieutenant colonel": "Lieutenant Colonel",
    "lt. col.": "Lieutenant Colonel", "major": "Major", "maj.": "Major", "captain": "Captain",
    "capt.": "Captain", "admiral": "Admiral", "adm.": "Admiral", "commander": "Commander",
    "commander-in-chief": "Commander-in-Chief", "sergeant": "Sergeant", "sgt.": "Sergeant",
    "king": "King", "queen": "Queen", "prince": "Prince", "princess": "Princess",
    "crown prince": "Crown Prince", "emir": "Emir", "sheikh": "Sheikh", "pope": "Pope",
    "ayatollah": "Ayatollah", "governor": "Governor", "gov.": "Governor", "mayor": "Mayor",
    "senator": "Senator", "sen.": "Senator", "representative": "Representative",
    "rep.": "Representative", "congressman": "Congressman", "congresswoman": "Congresswoman",
    "lawmaker": "lawmaker", "legislator": "legislator", "speaker": "Speaker",
    "judge": "Judge", "justice": "Justice", "chief justice": "Chief Justice",
    "attorney general": "Attorney General", "prosecutor": "prosecutor",
    "adviser": "adviser", "advisor": "adviser", "aide": "aide", "official": "official",
    "commissioner": "Commissioner", "ombudsman": "ombudsman", "inspector": "Inspector",
    "blogger": "blogger", "journalist": "journalist", "correspondent": "correspondent",
    "reporter": "reporter", "editor": "editor", "analyst": "analyst", "economist": "economist",
    "professor": "Professor", "researcher": "researcher", "scientist": "scientist",
    "spokesperson for": "spokesperson", "service member": "service member",
    "soldier": "soldier", "officer": "officer", "commentator": "commentator",
    "activist": "activist", "lawyer": "lawyer", "attorney": "attorney",
    "executive": "executive", "manager": "manager", "owner": "owner", "coach": "coach",
    "foreign secretary": "Foreign Secretary", "home secretary": "Home Secretary",
    "defense secretary": "Defense Secretary", "defence secretary": "Defence Secretary",
    "treasury secretary": "Treasury Secretary", "army chief": "army chief",
    "military chief": "military chief", "intelligence chief": "intelligence chief",
    "foreign policy chief": "foreign policy chief",
}

#: Words that, directly before "minister"/"secretary"/"spokesperson", name a portfolio
#: ("Foreign Minister", "Defence Secretary") and belong to the title.
PORTFOLIOS: frozenset[str] = frozenset({
    "foreign", "defence", "defense", "finance", "interior", "justice", "health", "energy",
    "economy", "economic", "economics", "trade", "home", "state", "prime", "education",
    "agriculture", "environment", "transport", "culture", "labour", "labor", "digital",
    "industry", "security", "development", "infrastructure", "treasury", "commerce",
    "communications", "information", "tourism", "sports", "youth", "science", "technology",
    "military", "army", "intelligence", "immigration", "housing", "veterans", "navy",
    "cabinet", "presidential", "government", "party", "ministry", "policy",
})

#: Title heads that take a portfolio word before them.
PORTFOLIO_HEADS: frozenset[str] = frozenset({
    "minister", "secretary", "spokesperson", "spokesman", "spokeswoman", "chief", "adviser",
    "advisor", "official", "aide", "commander",
})

#: Modifiers that qualify a title; the value is the canonical modifier.
MODIFIERS: dict[str, str] = {
    "former": "former", "ex": "former", "ex-": "former", "acting": "acting",
    "deputy": "deputy", "interim": "interim", "then": "then", "then-": "then",
    "outgoing": "outgoing", "incoming": "incoming", "assistant": "assistant",
    "senior": "senior", "top": "top", "late": "late", "caretaker": "acting",
}

#: Generic title heads: "the NATO chief" can refer to whoever holds the top title at NATO.
GENERIC_HEADS: frozenset[str] = frozenset({"chief", "head", "leader", "boss"})

#: Titles that name the top office of an organisation or country (what "chief"/"head" means).
TOP_TITLES: frozenset[str] = frozenset({
    "President", "Prime Minister", "Secretary General", "Director General", "CEO",
    "Chairman", "Chairwoman", "Chair", "chief executive", "Chancellor", "Supreme Leader",
    "King", "Queen", "Premier", "Director", "leader", "head", "chief",
})

#: Third-person pronouns that refer to people.
PERSON_PRONOUNS: frozenset[str] = frozenset({
    "he", "him", "his", "himself", "she", "her", "hers", "herself",
})

PRONOUN_GENDER: dict[str, str] = {
    "he": "m", "him": "m", "his": "m", "himself": "m",
    "she": "f", "her": "f", "hers": "f", "herself": "f",
}

#: Generational suffixes after a surname ("Jr.", "III"): never a surname themselves.
NAME_SUFFIXES: frozenset[str] = frozenset({"jr", "sr", "ii", "iii", "iv"})

#: Words that are never part of an organisation acronym's initials.
ACRONYM_STOPWORDS: frozenset[str] = frozenset({"of", "the", "and", "for", "on", "in", "&", "de"})


def country_code(text: str) -> str | None:
    """ISO alpha-2 code for a country name or nationality adjective, else None."""
    key = text.strip().lower().removeprefix("the ").strip()
    return COUNTRIES.get(key) or NATIONALITIES.get(key)


def country_name(code: str) -> str:
    """Canonical English name for an ISO alpha-2 code this lexicon knows."""
    if code in COUNTRY_NAMES:
        return COUNTRY_NAMES[code]
    for name, value in COUNTRIES.items():
        if value == code and len(name) > 3:
            return name.title().replace(" And ", " and ").replace(" Of ", " of ")
    return code

#: Tokens spaCy small tags as organisations that are really time zones or currency codes.
NOT_ENTITIES: frozenset[str] = frozenset({
    "utc", "gmt", "est", "edt", "cst", "cdt", "pst", "pdt", "cet", "cest", "bst", "eet", "msk",
    "usd", "eur", "gbp", "jpy", "cny", "rub", "uah", "chf",
})

#: Country names that are also common given names or surnames; never retyped from PERSON.
AMBIGUOUS_COUNTRIES: frozenset[str] = frozenset({
    "jordan", "chad", "georgia", "israel", "india", "kenya", "france", "america", "niger",
    "guinea", "china", "cuba", "mali", "peru", "oman", "togo", "malta", "wales", "england",
})

#: Words that end or sit inside organisation names; a "title + name" reading that contains
#: one ("General Motors Corporation") is an organisation, not a person.
ORG_WORDS: frozenset[str] = frozenset({
    "corporation", "corp", "corp.", "inc", "inc.", "company", "co", "co.", "group", "ltd",
    "ltd.", "llc", "plc", "ag", "sa", "gmbh", "airlines", "airways", "motors", "bank",
    "agency", "association", "council", "party", "ministry", "university", "institute",
    "foundation", "committee", "commission", "union", "federation", "organization",
    "organisation", "authority", "office", "department", "service", "services", "holdings",
    "industries", "systems", "technologies", "media", "news", "times", "post", "aircraft",
    "airport", "force", "army", "navy", "court", "house", "bureau", "fund", "league",
})

# ---- telling people from organisations ----------------------------------------------------------

#: Common given names across languages (lower-cased). A span that starts with one is probably
#: a person; a single-word "person" that is not one needs other evidence. Not exhaustive on
#: purpose: it only ever adds evidence, it never vetoes a name.
FIRST_NAMES: frozenset[str] = frozenset("""
aaron abdul abdullah abdel abigail abraham adam adel adrian adriana agnes ahmad ahmed aisha
akira alan albert alberto alejandro aleksandr alex alexander alexandra alexandre alexei alfred
ali alice alicia alison amanda amber amelia amir amy ana anders andre andrea andreas andrew
andrei andrzej angela angelo angus anita ann anna anne annette anthony antoine antonio anya
arjun arnold arthur ashley aziz barbara barry beatriz ben benjamin bernard bernd beth betty
bill billy bo bob bonnie boris brad bradley brandon brenda brian bridget bruce bruno caitlin
camille carl carla carlos carmen carol caroline carolyn catherine cecilia charles charlie
charlotte chen chris christian christina christine christopher cindy claire clara claudia
colin connor craig cristina daniel daniela danielle daniele david dean deborah denis dennis
derek diana diane diego dmitri dmitry dominic donald donna doris dorothy doug douglas dwayne
ebru eduardo edward elena elif elizabeth ellen emily emma emmanuel enrique eric erik erika
ernesto esther ethan eva evan fabio fatima felipe felix fernando fiona francesca francesco
francis francisco frank franz fred frederick gabriel gabriela gareth gary george georg
gerald gerhard gianni giorgio giovanni giuseppe gloria gordon grace graham greg gregory
guillaume gustavo hamid hannah hans harold harry hassan heather heidi heinz helen helena
henry hiroshi hugo hussein ian igor ilse ilya ingrid irene isaac isabel isabella ivan jack
jacob jacques james jan jane janet janice jason javier jean jeff jeffrey jennifer jenny
jeremy jerome jessica jim jimmy joan joanna joe joel johan johann john jon jonathan jorge
jose josef joseph joshua juan judith judy julia julian julie justin kai karen karim karin
karl kate katherine kathleen kathryn katie kazuo keith ken kenji kenneth kevin khaled khalid
kim kimberly klaus kofi kristin kurt kyle lars laura lauren laurent lee leo leon leonardo
linda lisa liu lorenzo louis louise luca lucas lucia luis luke lynn magdalena mahmoud
manuel marc marcel marco marcus margaret maria marie mario marion mark marta martha martin
mary matteo matthew maurice max maria mehmet melissa michael michel michelle miguel mikhail
min mohamed mohammad mohammed monica muhammad nadia nancy naomi natalia natalie nathan
neil nicholas nicola nicolas nicole niels nikolai nina noah noel nora olga oliver olivia
omar oscar pablo pamela paolo patricia patrick paul paula pedro peter philip philippe
pierre pietro rachel rafael rahul raj ralph ramon raul rebecca richard rita robert roberto
robin roger roland ronald rosa ruth ryan sabine sadiq sally samantha samuel sandra sarah
satoshi scott sean sergei sergey sharon sheila simon sofia sophie stefan stefano stephanie
stephen steve steven stuart susan svetlana takashi tanya teresa thomas tim timothy tina
todd tom tomas tony tracy ulrich valentina valerie vanessa victor victoria vincent
vladimir walter wang wayne wei wendy werner william wolfgang xavier yasmin yuki yuri yusuf
zhang zoe
""".split())

#: Title words and abbreviations that can sit at the start of a PERSON span without being part
#: of the name ("MP Jane Roe", "Insp. Jon Ekwe", "Organizer Ana Ruiz").
NAME_PREFIX_TITLES: frozenset[str] = frozenset({
    "mp", "mpp", "mla", "mep", "mna", "sen", "sen.", "rep", "rep.", "gov", "gov.", "gen",
    "gen.", "lt", "lt.", "lieut.", "insp", "insp.", "cst", "cst.", "const.", "det", "det.",
    "sgt", "sgt.", "staff", "supt", "supt.", "chief", "coun", "coun.", "councillor",
    "councilor", "councilman", "councilwoman", "alderman", "mayor", "organizer", "organiser",
    "cpl", "cpl.", "pte", "pte.", "pvt", "pvt.", "rev", "rev.", "reverend", "fr", "fr.",
    "father", "sister", "brother", "hon", "hon.", "premier", "coach", "mvp", "rapper",
    "singer", "actor", "actress", "star", "director", "president", "minister", "secretary",
    "speaker", "leader", "constable", "corporal", "detective", "superintendent",
    "sheriff", "deputy", "trooper", "officer", "pastor", "rabbi", "imam", "bishop",
    "cardinal", "archbishop", "principal", "trustee", "commissioner", "ceo", "cfo",
    "coo", "cto", "founder", "co-founder", "chairman", "chairwoman", "chair", "executive",
    "spokesman", "spokeswoman", "spokesperson", "famer", "captain", "capt", "capt.",
    "col", "col.", "maj", "maj.", "adm", "adm.", "cmdr", "cmdr.", "sgt.-maj.",
})

#: Words that make a "person" span a place or venue ("Winston Churchill Square").
#: Common surnames ("Park", "Hall", "Lake", "Church") are left out on purpose.
PLACE_WORDS: frozenset[str] = frozenset({
    "square", "street", "avenue", "ave.", "road", "rd.", "boulevard", "bridge", "river",
    "mountain", "island", "islands", "valley", "beach", "county", "province", "city",
    "village", "stadium", "arena", "airport", "station", "hospital",
    "mosque", "cathedral", "temple", "museum", "theatre", "theater", "library", "prison",
    "plaza", "tower",
})

#: Words that, last in a "person" span, make it an organisation ("Robert Bosch GmbH").
ORG_SUFFIXES: frozenset[str] = frozenset({
    "inc", "inc.", "ltd", "ltd.", "llc", "plc", "gmbh", "ag", "sa", "corp", "corp.",
    "corporation", "co", "co.", "company", "group", "international", "holdings", "partners",
    "associates", "foundation", "institute", "school", "college", "academy", "university",
    "society", "trust", "fund", "bank", "capital", "ventures", "labs", "studios", "records",
    "press", "airlines", "airways", "motors", "industries", "systems", "technologies",
    "pharmaceuticals", "enterprises", "club", "fc", "center", "centre",
})

#: Words that, last in a "person" span, make it a prize or a law, not an actor.
THING_SUFFIXES: frozenset[str] = frozenset({"award", "awards", "prize", "trophy", "act", "cup"})

#: Nouns that, in apposition or as a premodifier, say the next proper name is an organisation:
#: "its European division, Opel", "budget airline Skyway", "the carmaker Valdor".
ORG_NOUNS: frozenset[str] = frozenset({
    "company", "firm", "airline", "carrier", "division", "subsidiary", "unit", "maker",
    "automaker", "carmaker", "manufacturer", "retailer", "chain", "brand", "bank", "lender",
    "insurer", "broadcaster", "newspaper", "magazine", "daily", "network", "website",
    "startup", "start-up", "group", "band", "label", "publisher", "studio", "agency",
    "conglomerate", "giant", "rival", "competitor", "supplier", "operator", "developer",
    "regulator", "charity", "organisation", "organization", "outlet", "tabloid", "fund",
})

#: Stock indices: market numbers, not actors ("the Dow Jones fell 2%").
STOCK_INDICES: frozenset[str] = frozenset({
    "dow", "dow jones", "dow jones industrial average", "ftse", "nikkei", "dax", "hang seng",
    "kospi", "sensex", "cac", "s&p", "s&p/tsx", "tsx", "euro stoxx", "stoxx",
})

#: Words right after an organisation-like name that make it a stock index.
INDEX_WORDS: frozenset[str] = frozenset({"index", "composite", "futures"})

#: Online platforms and services that spaCy small often types as people.
PLATFORMS: frozenset[str] = frozenset({
    "twitter", "facebook", "instagram", "youtube", "tiktok", "whatsapp", "snapchat",
    "linkedin", "reddit", "telegram", "google", "netflix", "spotify", "uber", "airbnb",
    "wikipedia", "skype", "zoom", "pinterest", "tumblr", "twitch", "amazon",
})

#: Capitalised words spaCy small tags as people that name no actor at all.
NOT_PEOPLE: frozenset[str] = frozenset({
    "brexit", "bitcoin", "covid", "covid-19", "fentanyl", "ebola", "insert", "story",
    "supporters", "debris", "struck", "funny", "tattoo", "kosher",
})

#: Postal abbreviations of states and provinces, as in "Oakville, Ont." or "Hartford, Conn.".
REGION_ABBREVIATIONS: frozenset[str] = frozenset({
    "ont", "ont.", "que", "que.", "alta", "alta.", "sask", "sask.", "man.", "b.c.", "n.b.",
    "n.s.", "p.e.i.", "nfld", "nfld.", "ala", "ala.", "ariz", "ariz.", "ark", "ark.",
    "calif", "calif.", "colo", "colo.", "conn", "conn.", "del.", "fla", "fla.", "ga.",
    "ill", "ill.", "ind.", "kan", "kan.", "ky", "ky.", "la.", "md.", "mass", "mass.",
    "mich", "mich.", "minn", "minn.", "miss.", "mo.", "mont", "mont.", "neb", "neb.",
    "nev", "nev.", "n.h.", "n.j.", "n.m.", "n.y.", "n.c.", "n.d.", "okla", "okla.", "ore",
    "ore.", "pa.", "r.i.", "s.c.", "s.d.", "tenn", "tenn.", "tex", "tex.", "vt", "vt.",
    "va.", "wash", "wash.", "wis", "wis.", "w.va.", "wyo", "wyo.", "d.c.",
})

#: Words of a portfolio named after "of" ("Minister of Foreign Affairs", "Secretary of State
#: for Health and Social Care"), lower-cased.
PORTFOLIO_WORDS: frozenset[str] = PORTFOLIOS | frozenset({
    "affairs", "relations", "transportation", "sport", "planning", "resources", "works",
    "safety", "services", "innovation", "fisheries", "oceans", "citizenship", "refugees",
    "heritage", "women", "families", "children", "public", "natural", "human", "social",
    "national", "international", "indigenous", "crown-indigenous", "northern", "rural",
    "urban", "local", "care", "welfare", "employment", "work", "pensions", "climate",
    "change", "water", "land", "lands", "mines", "mining", "forests", "forestry", "arts",
    "media", "research", "administration", "reform", "unification",
    "integration", "emergency", "emergencies", "situations", "food", "budget",
    "revenue", "taxation", "tax", "customs", "internal", "external", "european", "union",
    "cooperation", "co-operation", "investment", "growth", "and", "&", "-",
})

#: Lemmas of verbs whose subject is someone speaking ("X said", "X told reporters"): an
#: untagged two-word proper name in that position is a person.
SPEECH_VERBS: frozenset[str] = frozenset({
    "say", "tell", "add", "explain", "note", "argue", "insist", "recall", "admit", "warn",
    "acknowledge", "reply", "respond", "write", "tweet", "testify", "complain", "joke",
})

# ---- given names by gender ---------------------------------------------------------------------

#: Given names (lower-cased) borne mostly by men. Names common for both sexes ("Jordan",
#: "Morgan", "Robin", "Kim", "Jean", "Andrea") are left out on purpose: this list only ever
#: tells "he" from "she", and a wrong entry would send a pronoun to the wrong person.
MALE_NAMES: frozenset[str] = frozenset("""
aaron abdul abdullah abraham adam adrian ahmad ahmed alan albert alberto alejandro aleksandr
alexander alexandre alexei alfonso alfred ali allan allen alvin amir anders andre andreas
andrew andrei andres andy angelo angus anthony antoine antonio archie arnold arthur austin
barry ben benjamin bernard bernie bill billy blaine bob bobby boris brad bradley brandon
brendan brent brett brian bruce bruno bryan byron calvin cameron carl carlos cecil chad
charles charlie chester christian christopher clarence claude clayton clifford clint clive
cody colin colton conor connor craig curtis dale dan daniel danny darren darrin darryl dave
david dean dennis denis derek desmond dev diego dimitri dmitri dmitry domenic dominic don
donald doug douglas duncan dustin dwayne dwight earl ed eddie edgar edmund eduardo edward
edwin elijah eliot elliott elon emil emmanuel enrique eric erik ernest ernesto ethan eugene
evan fabio felipe felix fernando floyd francesco francisco frank franklin franz fred freddie
frederick gabriel gareth garry gary gavin gene geoff geoffrey george georg gerald gerard
gerhard gilbert giorgio giovanni giuseppe glen glenn gordon graham grant greg gregory gus
gustavo guy hamid hank hans harold harry harvey hassan hector heinz henri henry herbert
howard hugh hugo hussein ian igor isaac ivan jack jackson jacob jacques jake james jared
jason javier jay jeff jeffrey jeremy jerome jerry jesus jim jimmy joe joel joey johan johann
john johnny jon jonathan jorge jose josef joseph josh joshua juan julian julio justin karl
keith ken kenneth kent kevin khaled khalid kirk klaus kody kurt kyle lance larry lars
lawrence leo leon leonard leonardo lewis liam lloyd lorenzo louis lucas luigi luis luke
malcolm manuel marc marcel marco marcus mario mark marshall martin marvin mason mathieu
matt matthew maurice max maxime michael michel miguel mike mikhail milton mitch mitchell
mohamed mohammad mohammed muhammad murray nathan nathaniel ned neil nicholas nick nicolas
nigel noah norman oliver omar oscar otto owen pablo paolo patrick paul pedro percy peter
phil philip philippe phillip pierre pietro rafael ralph ramon randall randy raul ray raymond
reginald rex ricardo richard rick ricky rob robert roberto rod rodney roger roland
ron ronald ross roy russell ryan salvador sam samuel scott sean sebastian sergei sergey
seth shane shawn sheldon simon spencer stan stanley stefan stefano stephen steve
steven stewart stuart ted terrence theodore thomas tim timothy toby todd tom tomas tommy
tony travis trevor troy tyler ulrich vernon victor vincent vladimir wade walter warren wayne
wesley will william willie wolfgang xavier yusuf zachary
""".split())

#: Given names (lower-cased) borne mostly by women (see :data:`MALE_NAMES` on what is left out).
FEMALE_NAMES: frozenset[str] = frozenset("""
abigail adriana agnes aisha alexandra alice alicia alison allison amanda amber amelia amy
ana angela angelina anita ann anna anne annette annie april audrey barbara beatrice beatriz
becky belinda beth bethany betty beverly bonnie brenda bridget brittany brooke camille carla
carmen carol carole caroline carolyn carrie catherine cathy cecilia celine charlotte chelsea
cheryl chloe christina christine cindy claire clara claudia colleen constance
courtney crystal cynthia daisy daniela danielle daphne darlene dawn debbie deborah debra
denise diana diane dolores donna doris dorothy edith eileen elaine eleanor elena elisabeth
elise eliza elizabeth ella ellen eloise emilia emily emma erica erika erin esther eva evelyn
fatima fiona florence frances francesca gabriela gabrielle gail genevieve georgia gillian
gina gladys gloria grace gwen hailey hannah harriet hazel heather heidi helen helena hillary
holly ingrid irene iris isabel isabella isabelle jacqueline jane janet janice jasmine
jeanine jeanne jenna jennifer jenny jessica jill joan joanna joanne jocelyn josephine joy
joyce judith judy julia julie juliet june justine karen karin kate katherine kathleen kathryn
kathy katie katrina kayla kendra kristen kristin kristina laura lauren leah lena lila
lillian linda lindsay lisa liz lois lorraine louise lucia lucy lydia madeleine madison
magdalena mandy margaret margo maria marianne marie marilyn marion marjorie martha mary
maureen megan melanie melissa meredith mia michelle mildred miranda molly monica monique
nadia nancy naomi natalia natalie natasha nathalie nicole nina nora norma olga olivia paige
pamela patricia paula pauline peggy penelope penny phyllis priscilla rachel rebecca regina
renee rita roberta rosa rose rosemary ruth sabine sally samantha sandra sara sarah scarlett
serena sharon sheila shelley sherry shirley silvia sofia sonia sophia sophie stacey stella
stephanie susan suzanne svetlana sylvia tamara tanya tatiana teresa theresa tiffany tina
tracey tracy ursula valentina valerie vanessa vera veronica victoria violet virginia vivian
wanda wendy whitney yasmin yolanda yvonne zoe
""".split())


def name_gender(name: str) -> str | None:
    """"m" or "f" when the first word of ``name`` is a given name this lexicon knows, else None."""
    words = name.split()
    if not words:
        return None
    first = words[0].lower().strip(".,")
    if first in MALE_NAMES:
        return "m"
    if first in FEMALE_NAMES:
        return "f"
    return None
