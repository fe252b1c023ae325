"""The cue classes the sentence rules of tone_rules.py combine (English, lower case).

Each is a regular expression for one kind of thing a sentence can do: name a
deadline, make a demand, state a consequence, count attempts. They run on
the lower-cased text, written with lower-case escapes only (text.Phrases).
"""

from __future__ import annotations

_NUM = r"(?:two|three|four|five|six|seven|eight|nine|ten|several|multiple|many|numerous|\d+)"
_ORD = r"(?:second|third|fourth|fifth|sixth|seventh|umpteenth|\d+(?:st|nd|rd|th))"
_DAY = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
_MONTH = (r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*")
_WILL = r"(?:will|['’]ll|shall|am\s+going\s+to|['’]m\s+going\s+to)"
_I_WILL = r"\bi\s*" + _WILL
# A point in time the reader is held to: "by Friday", "before the weekend", "within 48 hours".
DEADLINE = (
    r"\b(?:by|before|no\s+later\s+than|until|till)\s+(?:the\s+)?(?:end\s+of\s+(?:the\s+)?"
    r"(?:day|week|month)|eod|cob|close\s+of\s+business|tomorrow|tonight|today|noon|midnight"
    r"|this\s+(?:week|weekend|afternoon|evening)|weekend|(?:next\s+|this\s+)?" + _DAY
    + r"|\d{1,2}(?::\d{2})?\s*(?:am|pm)|\d{1,2}(?:st|nd|rd|th)\b|\d{1,2}\s+" + _MONTH
    + r"|" + _MONTH + r"\s+\d{1,2})"
    r"|\bwithin\s+(?:the\s+next\s+)?(?:\d+|a|an|one|two|three|24|48)\s+(?:business\s+)?"
    r"(?:hours?|days?)"
    r"|\b(?:today|tonight|right\s+now|immediately|at\s+the\s+earliest|promptly"
    r"|this\s+week)\b"
)
# Asking the reader to act, or the writer wanting an answer.
DEMAND = (
    r"\b(?:let\s+me\s+know|reply|respond|revert|confirm|get\s+back\s+to\s+me"
    r"|call\s+me|make\s+me\s+an\s+offer|send\s+me|tell\s+me)\b"
    r"|\bi\s+(?:will\s+|['’]ll\s+|would\s+|['’]d\s+)?(?:need|want|expect|require|must\s+have"
    r"|insist)\b"
    r"|\bi['’]?d\s+(?:appreciate|like)\s+(?:an?\s+|your\s+)?(?:answer|decision|response|reply"
    r"|update|word)"
    r"|\b(?:an?\s+|your\s+)(?:answer|decision|response|reply)\b|\byes\s+or\s+no\b"
    r"|\bi\s*(?:['’]m|\s+am)\s+expecting\b|\bhear\s+(?:back\s+)?from\s+you\b"
)
CONDITION = (
    r"\b(?:otherwise|or\s+else|if\s+not|unless|or\s+i\b|if\s+i\s+(?:don['’]?t|do\s+not"
    r"|haven['’]?t|have\s+not|can['’]?t|cannot)\s+(?:hear|get|receive|have))"
)
CONSEQUENCE = (
    _I_WILL + r"\s+(?:have\s+to\s+|need\s+to\s+|simply\s+|just\s+)?(?:assume"
    r"|take\s+(?:it|that|this)|consider|withdraw|accept|move\s+on|look\s+elsewhere|go\s+(?:with|elsewhere)|pursue"
    r"|conclude|treat|cancel)\b"
)
_OTHER = r"(?:other|another|competing|better|multiple|several|second|more\s+than\s+one)"
LEVERAGE = (
    r"\b" + _OTHER + r"\s+(?:job\s+)?(?:offers?|options|interviews|companies|company|employers?"
    r"|firms?|businesses)\b|\b(?:made|given|extended|sent)\s+me\s+(?:an?\s+|their\s+)?offers?\b"
    r"|\boffers?\s+on\s+the\s+table|\boffered\s+me\b|\belsewhere\b|\bcompetitors?\b"
    r"|\bfirst\s+offer\b|\bmatch\s+(?:it|that|the\s+offer)\b|\bif\s+you\s+want\s+me\b"
)
SELF_OR_HASTE = (
    r"\bi\s*(?:have|['’]ve|am|['’]m|will|['’]ll|got|received)\b|\b(?:decide|move|quickly|soon"
    r"|wait\w*|match|accept|before|lose|hurry|fast|me|already)\b"
)
PROMISE = (
    r"\byou\s+(?:said|promised|told\s+me(?!\s+about)|assured\s+me|mentioned|committed)\b"
    r"|\bi\s+was\s+(?:told|promised|assured)\b|\bas\s+promised\b|\bthe\s+\w+\s+you\s+(?:said"
    r"|promised)\b"
)
BROKEN = (
    r"\b(?:but|yet|still|nothing|instead)\b|\bcome\s+and\s+gone\b|\b(?:has|have)\s+(?:now\s+)?"
    r"passed\b|\bnow\s+been\b|\b(?:haven['’]?t|hasn['’]?t|have\s+not|has\s+not|didn['’]?t"
    r"|did\s+not|never)\s+(?:yet\s+)?(?:heard|had|received|got|gotten|come|came|happened"
    r"|arrived|called|replied|been|hear|happen|arrive|call|get)\b|\band\s+(?:it|that)\s+"
    r"(?:has|was|date|never)\b"
)
COUNTED = (
    r"\b" + _ORD + r"\s+(?:email|e-mail|message|attempt|follow[- ]?up|voicemail|call"
    r"|request|reminder|note)s?\b"
    r"|\b" + _NUM + r"\s+(?:emails|e-mails|messages|attempts|follow[- ]?ups|voicemails"
    r"|calls|reminders)\b"
)
# "the third time", "four times", "twice": counting only when it is about contacting them.
TIMES = r"\b(?:" + _ORD + r"\s+time|" + _NUM + r"\s+times|twice)\b"
CONTACTING = (
    r"\b(?:e-?mail\w*|writ\w*|wrote|call\w*|ask\w*|follow\w*|contact\w*|reach\w*|messag\w*"
    r"|remind\w*|chas\w*|tried|trying|rang|phon\w*|left)\b"
)
# Time spent waiting, and the lack the writer holds against the reader.
DURATION = (
    r"\b(?:it\s+(?:has|['’]s)\s+(?:now\s+)?been|(?:for|over)\s+(?:over\s+|more\s+than\s+)?"
    + _NUM + r"\s+(?:days|weeks|months)|" + _NUM + r"\s+(?:days|weeks|months)\s+(?:later|now"
    r"|and)|(?:a|one)\s+(?:week|month)\s+(?:later|now))\b"
)
LACK = (
    r"\b(?:no|zero|nothing|not\s+(?:a|one|even)|without|still|silence|nobody|no\s?one"
    r"|haven['’]?t|have\s+not|hasn['’]?t)\b"
)
NO_REPLY = (
    r"\b(?:zero|not\s+(?:a\s+single|one\s+single|even\s+an?|one))\s+(?:\w+\s+)?(?:response"
    r"|reply|answer|word|acknowledg\w+|call|email|update)s?\b"
    r"|\b(?:no|any)\s+(?:response|reply|answer|word|acknowledg\w+|update|news)\s+(?:at\s+all"
    r"|whatsoever|from\s+(?:you|anyone|anybody))"
    r"|\bi\s*(?:have|['’]ve)\s+(?:had|got|gotten|received)\s+(?:no|nothing|zero)\b"
    r"|\bradio\s+silence\b|\bheard\s+nothing\b|\bnot\s+heard\s+a\s+(?:thing|word)\b"
    r"|\b(?:nobody|no\s?one|anyone)\s+(?:has\s+|is\s+|seems\s+to\s+have\s+)?(?:bothered|cared"
    r"|repl(?:ied|ying)|respond(?:ed|ing)|answer(?:ed|ing)|got\s+back|gotten\s+back|there)\b"
    r"|\bstill\s+(?:waiting|nothing)\b|\b(?:your|the|radio)\s+silence\b|\bof\s+silence\b"
)
COURTESY = (
    r"\bcourtesy\s+of\s+an?\s+(?:reply|response|answer)|\b(?:basic|common|simple)\s+courtesy"
    r"|\bthe\s+least\s+you\s+could\b|\bcould\s+at\s+least\b|\bwould\s+have\s+been\s+nice\b"
    r"|\bwould\s+be\s+nice\s+to\s+(?:get|hear|receive|have)\b|\ba\s+simple\s+(?:reply|response"
    r"|answer|acknowledg\w+|email|no)\b"
)
EXPECTED = (
    r"\bi\s+thought\s+(?:your\s+(?:company|team|firm|organi[sz]ation)|companies|you\s+(?:valued"
    r"|cared|respected))|\bnot\s+what\s+i\s+(?:expected|was\s+expecting)\b"
    r"|\bi\s+expected\s+(?:better|more)\b|\b(?:take|taking|taken|took)\s+(?:this|so)\s+long\b"
    r"|\bi\s*(?:would|['’]d)\s+have\s+(?:thought|expected)\b"
    r"|\b(?:repl\w*|respond\w*|answer\w*|heard?|decided?)\s+(?:\w+\s+)?by\s+now\b"
    r"|\bas\s+(?:i\s+)?(?:previously\s+)?(?:said|mentioned|stated|noted|wrote|explained"
    r"|indicated)\s+(?:in\s+my|before|earlier|previously)"
)
ENTITLEMENT = (
    r"\bi\s+(?:deserve|am\s+owed|['’]m\s+owed|am\s+entitled|['’]m\s+entitled|insist|demand)\b"
    r"|\bi\s*(?:['’]ve|\s+have)\s+earned\b|\byou\s+owe\s+me\b"
    r"|\bi\s+(?:expect|require)\s+(?:you\s+to|to\s+(?:hear|be\s+told|know|receive|get)|an?\s+"
    r"|your\s+)"
    r"|\bi\s+(?:will\s+|['’]ll\s+)?(?:need|want|must\s+have|require)\s+(?:an?\s+|your\s+|the\s+)?"
    r"(?:yes\s+or\s+no|answer|decision|reply|response|update|explanation|offer)\b"
    r"|\bi\s+need\s+to\s+(?:know|hear)\s+(?:now|today|immediately|whether|if)\b"
)
TELLING = (
    r"\byou\s*(?:['’]ll|will)\s+(?:have|need)\s+to\b|\byou\s+(?:need|have)\s+to\s+(?:decide|move"
    r"|reply|respond|answer|get\s+back|let\s+me|make)\b|\b(?:don['’]?t|do\s+not)\s+(?:wait|take)"
    r"\s+too\s+long\b|\b(?:decide|reply|respond|answer|move|act)\s+(?:soon|quickly|fast|faster"
    r"|promptly)\b|\b(?:giv\w*|gave)\s+you\s+until\b|\byou\s+have\s+until\b|\bcan(?:not|['’]t)\s+wait\s+(?:any"
    r"\s+)?(?:longer|past|beyond|much\s+longer)|\bcan(?:not|['’]t)\s+keep\s+(?:my\s+)?\w+\s+"
    r"(?:waiting|on\s+hold)"
)
SARCASM = (
    r"\bi\s+guess\s+(?:you|my|the|nobody|no\s?one|it)\b|\bi\s+assume\s+you\b"
    r"|\b(?:forgotten|forgot)\s+(?:all\s+)?(?:about\s+)?(?:me|my)\b|\b(?:i\s+was|i['’]ve\s+been"
    r"|i\s+have\s+been)\s+forgotten\b|\bin\s+case\s+(?:you\s+(?:missed|forgot|didn['’]?t\s+see)"
    r"|my\s+(?:\w+\s+){0,3}(?:emails?|messages?)\s+(?:got|went|was|were|ended))|\bspam\s+folder\b"
    r"|\bthanks\s+for\s+nothing\b|\btoo\s+busy\b"
    r"|\b(?:i['’]?m\s+sure|surely)\s+you(?:['’]re|\s+are|['’]ve\s+been|\s+have\s+been|\s+must"
    r"\s+be)\s+(?:\w+\s+)?busy\b|\bhow\s+(?:hard|difficult)\s+(?:is|can)\s+it\b"
    r"|\bis\s+it\s+(?:really\s+)?(?:so|that|too)\s+(?:hard|difficult)\b"
)
# "Thanks for keeping me posted, or not." (but not "whether or not").
OR_NOT = r"\bor\s+not\s*[.!?]"
ARCH = r"\b(?:clearly|obviously|apparently|evidently)\b"
ARCH_TARGET = (
    r"n['’]t\b|\bnot\b|\bno\s?one\b|\bnobody\b|\bforg[eo]t|\btoo\s+busy\b|\bas\s+important\b"
    r"|\bmatter"
)
HOSTILE = (
    r"\byou\s+people\b|\bdo\s+your\s+job\b|\bstop\s+ignoring\b|\bglassdoor\b"
    r"|\b(?:post|leav)\w*\s+(?:a\s+)?review\b|\bpost\w*\s+about\s+(?:this|you|my\s+experience)"
    r"|\bhow\s+dare\b|\bpathetic\b|\bamateurish\b|\b(?:telling|tell|warn\w*)\s+(?:everyone"
    r"|everybody|others|people|my\s+network)\b|\btreated\s+(?:badly|poorly|like\s+this)\b"
    r"|\bbadly\s+(?:i\s+was\s+)?treated\b|\bwhat\s+a\s+(?:joke|mess|farce|shambles)\b"
    r"|\b(?:is|was|has\s+been)\s+a\s+(?:joke|farce|shambles|mess)\b"
)
ONCE_AGAIN = r"\b(?:once\s+again,?\s+i\b|yet\s+another\s+(?:email|message|reminder|follow))"
NEEDY = (
    r"\b(?:checking|refreshing|watching)\s+my\s+(?:inbox|email|phone)\b|\bcan['’]?t\s+sleep\b"
    r"|\bat\s+any\s+salary\b|\blower\s+salary\b|\bdevastated\b"
    r"|\bcounting\s+on\s+me\b|\bchange\s+your\s+mind\b"
    r"|\bout\s+of\s+work\s+for\b|\bi\s*(?:would|['’]d)\s+do\s+anything\b|\bthis\s+falls\s+through"
    r"|\bi\s+really\s+want\s+this\b|\bcan['’]?t\s+stop\s+thinking\b|\bmy\s+last\s+hope\b"
    r"|\b(?:anxious|heartbroken|nervous\s+wreck)\b|\bwon['’]?t\s+let\s+you\s+down\b"
    r"|\b(?:work|do\s+it)\s+for\s+free\b"
    r"|\b(?:pay|afford)\s+(?:my\s+)?(?:rent|bills|mortgage)\b|\bgive\s+me\s+(?:this|a|the"
    r"|one\s+more)\s+(?:chance|opportunity|shot)\b|\bdon['’]?t\s+know\s+(?:what|how)\s+i\s*"
    r"(?:['’]ll|will|would)\b"
)
# "really, really", "please please": pleading by repetition.
REPEATED = r"\b(really|so|very|please),?\s+\1\b"
# "I'll assume ..." drawing a sour conclusion, with or without a condition.
SOUR_ASSUMPTION = _I_WILL + r"\s+(?:\w+\s+)?(?:assume|take\s+it|conclude)\b"
SOUR_END = r"\b(?:not|no|filled|gone|someone\s+else|elsewhere|over|silence)\b"
