"""Personal names: titles, honorifics, nicknames, and the words that are never characters.

Pure string functions shared by the characters stage and the ones after it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Literal

Gender = Literal["m", "f"]

# Titles that precede a name, normalised, with the gender they imply (None: either).
TITLES: dict[str, Gender | None] = {
    "mr": "m", "mister": "m", "sir": "m", "lord": "m", "master": "m", "monsieur": "m",
    "herr": "m", "señor": "m", "senor": "m", "uncle": "m", "brother": "m", "father": "m",
    "king": "m", "prince": "m", "duke": "m", "earl": "m", "baron": "m", "count": "m",
    "mrs": "f", "miss": "f", "ms": "f", "lady": "f", "madame": "f", "madam": "f",
    "mademoiselle": "f", "frau": "f", "señora": "f", "aunt": "f", "sister": "f",
    "mother": "f", "queen": "f", "princess": "f", "duchess": "f", "countess": "f",
    "baroness": "f", "dame": "f",
    "dr": None, "doctor": None, "professor": None, "prof": None, "captain": None,
    "capt": None, "colonel": None, "col": None, "general": None, "lieutenant": None,
    "sergeant": None, "major": None, "admiral": None, "reverend": None, "rev": None,
    "judge": None, "inspector": None, "detective": None, "officer": None, "nurse": None,
    "saint": None, "st": None, "granny": "f", "grandpa": "m", "grandma": "f",
    "mayor": None, "director": None, "commander": None, "coach": None, "chief": None,
    "sheriff": None, "deputy": None, "principal": None, "headmaster": "m", "headmistress": "f",
    "chancellor": None, "senator": None, "governor": None, "commissioner": None,
}
TITLE_SPELLINGS: dict[str, str] = {
    "mme": "madame", "mlle": "mademoiselle", "mons": "monsieur", "messrs": "mr",
    "sarge": "sergeant", "doc": "doctor", "lt": "lieutenant", "cmdr": "commander",
}

# Japanese honorific suffixes common in anime and manga fan fiction.
HONORIFICS = (
    "sensei", "senpai", "sempai", "sama", "san", "kun", "chan", "chin", "dono", "tan",
    "nii", "niisan", "nii-san", "nee", "neesan", "nee-san", "nii-chan", "nee-chan",
    "oneesan", "oniisan", "hime", "shishou", "shisho", "kohai", "kouhai", "taichou",
    "sensi", "jiji", "baa-chan", "obaa-chan",
)
HONORIFIC_PATTERN = "|".join(sorted((re.escape(h) for h in HONORIFICS), key=len, reverse=True))
HONORIFIC_NAME = re.compile(
    rf"\b([A-Z][a-z]+(?:[ -][A-Z][a-z]+)?)-({HONORIFIC_PATTERN})\b"
)

# Japanese forms of address for family ("Nii-sama", "Kaa-san"): kinship, never a given name.
KIN_ADDRESS = frozenset(
    "nii nee onii onee niisan neesan aniki aneki kaa tou okaa otou baa jii obaa ojii".split()
)

# Diminutives and nicknames that name the same person as the full first name.
NICKNAMES: dict[str, str] = {
    "jim": "james", "jimmy": "james", "jamie": "james", "bill": "william", "will": "william",
    "willie": "william", "billy": "william", "bob": "robert", "bobby": "robert",
    "rob": "robert", "robbie": "robert", "dick": "richard", "rick": "richard",
    "tom": "thomas", "tommy": "thomas", "ned": "edward", "ted": "edward", "teddy": "edward",
    "ed": "edward", "eddie": "edward", "harry": "henry", "hal": "henry", "jack": "john",
    "johnny": "john", "chuck": "charles", "charlie": "charles", "fred": "frederick",
    "freddie": "frederick", "ben": "benjamin", "sam": "samuel", "sammy": "samuel",
    "joe": "joseph", "joey": "joseph", "mike": "michael", "nick": "nicholas",
    "tony": "anthony", "andy": "andrew", "drew": "andrew", "dan": "daniel",
    "danny": "daniel", "matt": "matthew", "pete": "peter", "steve": "stephen",
    "alex": "alexander", "sandy": "alexander", "nat": "nathaniel", "walt": "walter",
    "liz": "elizabeth", "lizzy": "elizabeth", "lizzie": "elizabeth", "eliza": "elizabeth",
    "beth": "elizabeth", "betsy": "elizabeth", "bess": "elizabeth", "kitty": "catherine",
    "kate": "catherine", "katie": "catherine", "cathy": "catherine", "peggy": "margaret",
    "meg": "margaret", "maggie": "margaret", "polly": "mary", "molly": "mary",
    "mamie": "mary", "sally": "sarah", "sadie": "sarah", "nell": "eleanor",
    "nellie": "eleanor", "jenny": "jane", "janey": "jane", "annie": "anne", "nan": "anne",
    "nancy": "anne", "sue": "susan", "susie": "susan", "abby": "abigail", "becky": "rebecca",
    "patty": "martha", "mattie": "martha", "fanny": "frances", "franny": "frances",
    "emmy": "emma", "dolly": "dorothy", "dot": "dorothy", "lucy": "lucia",
    "hermy": "hermione", "ron": "ronald", "ronnie": "ronald", "gin": "ginevra",
    "ginny": "ginevra", "nate": "nathan", "jake": "jacob", "bella": "isabella", "izzy": "isabella",
    "chris": "christopher", "zach": "zachary", "mandy": "amanda", "becca": "rebecca",
    "ollie": "oliver", "theo": "theodore", "gabe": "gabriel", "frankie": "francis",
}

# Capitalised words that open sentences or exclaim, and names of no one.
NOT_NAMES = frozenset(
    """
    oh ah ahh ahem aha hah ha haha heh hmm hmph hm huh hey hi hello woe alas yes no nope
    yeah yep well ugh argh eh er erm um uh wow whoa gosh golly damn dammit darn okay ok
    please thanks thank sorry goodbye bye farewell hush shh sh psst ouch oops bah pah pshaw
    tut tsk fie lo behold hark amen hurrah hooray huzzah bravo indeed alright right sure
    god gods lord christ jesus heaven heavens hell devil satan fate death nature fortune
    providence majesty highness excellency lordship ladyship honour honor merry happy
    dear darling sweetheart honey love yo sup oi ow aw aww wha what who why how when where
    mother father mom mum dad mama papa mamma pappa ma pa sir madam madame ma'am mister
    miss missus master mistress lady gentleman gentlemen ladies boy girl man woman
    christmas easter sunday monday tuesday wednesday thursday friday saturday january
    february march april may june july august september october november december
    chapter prologue epilogue part book volume the a an and but or so then now here there
    english french german japanese american british chinese
    """.split()
)

# Words marking a place or a group, never a person.
GROUP_WORDS = frozenset(
    """
    village team squad clan academy school house hall street road lane avenue inn tavern
    hotel castle palace tower river lake mountain forest city town country kingdom empire
    council army navy church chapel hospital station company society club guild order
    family tribe nation ministry department office bank market shop store island bay
    land lands republic union federation alliance corps division unit platoon regiment
    gang band brotherhood sisterhood court ward park garden gardens bridge gate hill
    valley woods plains sea ocean north south east west ground grounds field fields
    mill parlor parlour manor cathedral monastery shrine citadel fortress ranch estate cottage
    museum library prison gaol jail headquarters laboratory institute university college
    theatre theater restaurant bakery cafe harbor harbour
    """.split()
)
GROUP_SUFFIXES = ("gakure",)


@dataclass(frozen=True)
class NameParts:
    """A surface name taken apart: title, the name's own words, honorific suffix."""

    title: str | None
    words: tuple[str, ...]
    honorific: str | None

    @property
    def gender(self) -> Gender | None:
        return TITLES.get(self.title) if self.title else None


def normalise_title(word: str) -> str | None:
    """``Mrs.`` -> ``mrs``, ``Mme`` -> ``madame``; None when the word is no title."""
    key = word.lower().rstrip(".")
    key = TITLE_SPELLINGS.get(key, key)
    return key if key in TITLES else None


def split_name(surface: str) -> NameParts:
    """Split ``Kakashi-sensei`` / ``Mr. James Young`` / ``Hatake Kakashi`` into parts."""
    text = surface.strip()
    if text.endswith("'s") or text.endswith("\u2019s"):
        text = text[:-2]
    honorific = None
    match = re.search(rf"-({HONORIFIC_PATTERN})$", text)
    if match:
        honorific = match.group(1).lower()
        text = text[: match.start()]
    words = [w for w in re.split(r"\s+", text) if w]
    title = None
    while len(words) > 1 and normalise_title(words[0]):
        title = title or normalise_title(words[0])
        words = words[1:]
    return NameParts(title=title, words=tuple(words), honorific=honorific)


def first_name_key(word: str) -> str:
    """A first name with nicknames folded: ``Jim`` and ``James`` share ``james``."""
    lowered = word.lower()
    return NICKNAMES.get(lowered, lowered)


def is_group_or_place(words: tuple[str, ...]) -> bool:
    """True for names of villages, teams, houses and the like."""
    lowered = [w.lower() for w in words]
    if any(w in GROUP_WORDS for w in lowered):
        return True
    return any(w.endswith(GROUP_SUFFIXES) for w in lowered)


def is_plausible_name(words: tuple[str, ...]) -> bool:
    """A name is capitalised words, none of them an interjection, pronoun or group word."""
    if not words or len(words) > 5:
        return False
    if any(not w[:1].isupper() for w in words):
        return False
    if any(not re.fullmatch(r"[A-Z][\w'\u2019.-]*", w) for w in words):
        return False
    if len(words) == 1 and words[0].lower() in KIN_ADDRESS:
        return False
    if len(words) == 1 and (words[0].lower().rstrip(".") in NOT_NAMES or normalise_title(words[0])):
        return False
    if all(w.lower().rstrip(".") in NOT_NAMES for w in words):
        return False
    return not is_group_or_place(words)


@lru_cache(maxsize=1)
def given_name_genders() -> dict[str, Gender]:
    """Given names and their usual gender, from the package's ``given_names.txt``."""
    table: dict[str, Gender] = {}
    source = resources.files("storyworld").joinpath("data/given_names.txt")
    for line in source.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, gender = line.split("\t")
        if gender in ("m", "f"):
            table[name.strip().lower()] = gender  # type: ignore[assignment]
    return table


def gender_of_given_name(words: tuple[str, ...]) -> Gender | None:
    """The usual gender of a name's given name (first word, or last for family-name-first)."""
    table = given_name_genders()
    for word in (words[0], words[-1]) if words else ():
        found = table.get(word.lower())
        if found:
            return found
    return None
