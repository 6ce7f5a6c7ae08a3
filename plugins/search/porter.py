"""lunr.js 2.3.9's English (Porter) stemmer, ported line for line so Python and the browser agree.

lunr.py ships a different Porter implementation ("lay" → "lai", "try" → "try"), which would
make an index built in Python miss words the browser stems differently. This module follows
lunr.js's regular expressions exactly; the golden-token test holds the two together.
"""

import re

STEP2 = {
    "ational": "ate", "tional": "tion", "enci": "ence", "anci": "ance", "izer": "ize", "bli": "ble",
    "alli": "al", "entli": "ent", "eli": "e", "ousli": "ous", "ization": "ize", "ation": "ate",
    "ator": "ate", "alism": "al", "iveness": "ive", "fulness": "ful", "ousness": "ous", "aliti": "al",
    "iviti": "ive", "biliti": "ble", "logi": "log",
}
STEP3 = {"icate": "ic", "ative": "", "alize": "al", "iciti": "ic", "ical": "ic", "ful": "", "ness": ""}

c = "[^aeiou]"  # consonant
v = "[aeiouy]"  # vowel
C = c + "[^aeiouy]*"  # consonant sequence
V = v + "[aeiou]*"  # vowel sequence

MGR0 = re.compile("^(" + C + ")?" + V + C)  # [C]VC... is m>0
MEQ1 = re.compile("^(" + C + ")?" + V + C + "(" + V + ")?$")  # [C]VC[V] is m=1
MGR1 = re.compile("^(" + C + ")?" + V + C + V + C)  # [C]VCVC... is m>1
S_V = re.compile("^(" + C + ")?" + v)  # vowel in stem

RE_1A = re.compile(r"^(.+?)(ss|i)es$")
RE2_1A = re.compile(r"^(.+?)([^s])s$")
RE_1B = re.compile(r"^(.+?)eed$")
RE2_1B = re.compile(r"^(.+?)(ed|ing)$")
LAST_CHAR = re.compile(r".$")
RE2_1B_2 = re.compile(r"(at|bl|iz)$")
RE3_1B_2 = re.compile(r"([^aeiouylsz])\1$")
RE4_1B_2 = re.compile("^" + C + v + "[^aeiouwxy]$")
RE_1C = re.compile(r"^(.+?[^aeiou])y$")
RE_2 = re.compile(r"^(.+?)(" + "|".join(STEP2) + ")$")
RE_3 = re.compile(r"^(.+?)(" + "|".join(STEP3) + ")$")
RE_4 = re.compile(r"^(.+?)(al|ance|ence|er|ic|able|ible|ant|ement|ment|ent|ou|ism|ate|iti|ous|ive|ize)$")
RE2_4 = re.compile(r"^(.+?)(s|t)(ion)$")
RE_5 = re.compile(r"^(.+?)e$")
RE_5_1 = re.compile(r"ll$")
RE3_5 = re.compile("^" + C + v + "[^aeiouwxy]$")


def js_length(word):
    """String length as JavaScript counts it (UTF-16 code units)."""
    return len(word.encode("utf-16-le")) // 2


def stem(w):
    if js_length(w) < 3:
        return w
    first = w[:1]
    if first == "y":
        w = "Y" + w[1:]

    # Step 1a
    if RE_1A.search(w):
        w = RE_1A.sub(r"\1\2", w, count=1)
    elif RE2_1A.search(w):
        w = RE2_1A.sub(r"\1\2", w, count=1)

    # Step 1b
    m = RE_1B.search(w)
    if m:
        if MGR0.search(m.group(1)):
            w = LAST_CHAR.sub("", w, count=1)
    else:
        m = RE2_1B.search(w)
        if m and S_V.search(m.group(1)):
            w = m.group(1)
            if RE2_1B_2.search(w):
                w += "e"
            elif RE3_1B_2.search(w):
                w = LAST_CHAR.sub("", w, count=1)
            elif RE4_1B_2.search(w):
                w += "e"

    # Step 1c
    m = RE_1C.search(w)
    if m:
        w = m.group(1) + "i"

    # Step 2
    m = RE_2.search(w)
    if m and MGR0.search(m.group(1)):
        w = m.group(1) + STEP2[m.group(2)]

    # Step 3
    m = RE_3.search(w)
    if m and MGR0.search(m.group(1)):
        w = m.group(1) + STEP3[m.group(2)]

    # Step 4
    m = RE_4.search(w)
    if m:
        if MGR1.search(m.group(1)):
            w = m.group(1)
    else:
        m = RE2_4.search(w)
        if m and MGR1.search(m.group(1) + m.group(2)):
            w = m.group(1) + m.group(2)

    # Step 5
    m = RE_5.search(w)
    if m:
        s = m.group(1)
        if MGR1.search(s) or (MEQ1.search(s) and not RE3_5.search(s)):
            w = s
    if RE_5_1.search(w) and MGR1.search(w):
        w = LAST_CHAR.sub("", w, count=1)

    if first == "y":
        w = "y" + w[1:]
    return w
