"""A job posting's requirements: ``requirements(text) -> list[Requirement]``, pure.

ARCHITECTURE.md ("The analysis layer"): the posting's requirement rows (``must``, ``nice``,
``responsibility``), each with its key terms, feed the coverage matrix and the vocabulary.

How a posting is split (rules, in order):
1. Pasted HTML (two or more block tags) is made text: ``script``/``style``/``head`` dropped,
   ``<li>`` becomes a bullet, ``<h1>``-``<h6>`` a heading, other block tags line breaks, every
   other tag removed, entities resolved. Nothing is ever rendered.
2. One long line (or any line over 300 characters) is cut before inline bullets (``•``) and
   around known headings followed by a colon ("Requirements: ...").
3. A line is a heading when it starts with ``#``, is wholly bold, is short and ends with a colon,
   or is short, unpunctuated and names a known heading ("Nice to have", "Deine Aufgaben").
   Its wording gives the kind of the section (``HEADINGS``); a heading of no known kind (the
   title, "Benefits", "About us") starts a section whose text is not a requirement.
4. In a section of a known kind each bullet (``•``, ``-``, ``*``, ``1.``, ``1)``, ``(a)``,
   ``a)``) is a row; a paragraph is cut into sentences, each a row. A row under a must-have
   heading that says "a plus", "nice to have", "bonus", "preferred" or "ideally" is ``nice``.
5. A posting with no known heading at all is one section: its sentences are rows, each kind by
   its cues (``_NICE_CUE``, ``_RESPONSIBILITY_CUE``, ``_MUST_CUE``); a sentence with no cue (the
   company's pitch) is left out.

Key terms of a row (rules, in order; a later rule never takes words an earlier one took):
1. Years of experience: "5+ years", "3-5 years", "4 years", "mindestens 3 Jahre" -> "N+ years".
2. The curated table ``TERMS``: canonical name -> the ways postings write it ("K8s" ->
   "Kubernetes", "GCP" -> "Google Cloud", "ML" -> "machine learning", "A/B tests" -> "A/B
   testing", German compounds such as "Datenpipelines"). Whole words, case-insensitive, longest
   first; a few names that are also English words ("Go", "R", "Ray", "REST") only as written.
3. "<word> pipeline(s)": a kind of pipeline ("feature pipelines").
4. Names the table does not know: a word with an inner capital or digit ("NeurIPS", "gRPC"),
   an acronym ("WCAG"), and in English text a capitalised word that does not start the row or a
   sentence ("Stripe", "Adyen"); adjacent ones form one name. German capitalises every noun, so
   there only the first two kinds count.

Measured on ``tests/postings/`` (five postings, expectations written before this module, one
held out): see ``tests/test_posting.py`` and the report in its docstring.
"""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Iterable

from prep_core.errors import PrepError
from prep_core.model import Requirement, RequirementKind, clean_line

__all__ = [
    "HEADINGS",
    "TERMS",
    "PostingTooLong",
    "merge_requirements",
    "posting_terms",
    "requirements",
    "terms_of",
]

MAX_POSTING = 1_000_000  # characters: 200 KB of pasted HTML fits many times over
MAX_ROWS = 500
_LONG_LINE = 300
_MAX_HEADING_WORDS = 8


_NUMBERS = "zero one two three four five six seven eight nine ten"


def _set(text: str) -> frozenset[str]:
    return frozenset(text.split())


class PostingTooLong(PrepError):
    """A posting longer than any real one (a pasted file by mistake)."""


# --- headings -----------------------------------------------------------------------------------

# Wordings of a section heading, by kind; checked in this order, as a substring of the heading
# (lower case, straight apostrophes), so "Preferred qualifications" is nice before it is a
# qualification. "other" sections (benefits, the company) hold no requirements.
HEADINGS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "nice",
        (
            "nice to have",
            "nice-to-have",
            "preferred",
            "bonus",
            "plus if",
            "extra credit",
            "good to have",
            "desirable",
            "would be great",
            "wünschenswert",
            "von vorteil",
            "pluspunkte",
            "ein plus",
        ),
    ),
    (
        "responsibility",
        (
            "responsibilit",
            "what you'll do",
            "what you will do",
            "what you'll be doing",
            "what you will be doing",
            "the role",
            "your role",
            "your impact",
            "day to day",
            "day-to-day",
            "duties",
            "in this role",
            "you will",
            "you'll",
            "your mission",
            "aufgaben",
            "was dich erwartet",
            "was du tust",
            "deine rolle",
            "ihre rolle",
        ),
    ),
    (
        "other",
        (
            "benefit",
            "what we offer",
            "perks",
            "about us",
            "about the company",
            "about the job",
            "about the role",
            "about the team",
            "who we are",
            "why join",
            "why us",
            "compensation",
            "salary",
            "equal opportunit",
            "how to apply",
            "location",
            "our culture",
            "wir bieten",
            "über uns",
            "das bieten wir",
            "was wir dir bieten",
        ),
    ),
    (
        "must",
        (
            "requirement",
            "qualification",
            "what we're looking for",
            "what we are looking for",
            "what you'll bring",
            "what you bring",
            "what you need",
            "who you are",
            "about you",
            "you have",
            "must have",
            "must-have",
            "skills",
            "your profile",
            "experience",
            "mitbringst",
            "mitbringen",
            "dein profil",
            "ihr profil",
            "anforderungen",
            "qualifikation",
            "das bringst du mit",
            "kenntnisse",
        ),
    ),
)

_GERMAN_HEADINGS = ("mitbring", "aufgaben", "wünschenswert", "dein profil", "ihr profil")


def heading_kind(text: str) -> str | None:
    """The kind of section a heading names ("must", "nice", "responsibility", "other"), or None."""
    key = _norm(text)
    if not key or len(key) > 80:
        return None
    for kind, wordings in HEADINGS:
        if any(wording in key for wording in wordings):
            return kind
    return None


def _norm(text: str) -> str:
    return " ".join(text.replace("’", "'").replace("‘", "'").lower().split()).strip(" :*_#")


# --- text preparation ---------------------------------------------------------------------------

_HTML_TAG = re.compile(
    r"<\s*/?\s*(?:html|body|div|p|ul|ol|li|h[1-6]|br|span|strong|b|em|section)\b", re.I
)
_DROPPED_ELEMENTS = ("script", "style", "head", "template", "noscript", "svg")
_BLOCK_TAG = re.compile(
    r"<\s*(/?)\s*(li|h[1-6]|p|div|br|tr|ul|ol|section|article|header|footer|table|dt|dd"
    r"|blockquote|hr)\b[^>]*>",
    re.I,
)
_ANY_TAG = re.compile(r"<[^<>]{0,2000}>")
_COMMENT = re.compile(r"<!--.*?-->", re.S)


def _strip_html(text: str) -> str:
    """Pasted HTML as text with bullets and headings; nothing is rendered."""
    text = _COMMENT.sub(" ", text)
    for name in _DROPPED_ELEMENTS:
        text = _drop_element(text, name)

    def block(match: re.Match[str]) -> str:
        closing, name = match.group(1), match.group(2).lower()
        if name == "li" and not closing:
            return "\n- "
        if name.startswith("h") and name[1:].isdigit():
            return "\n" if closing else "\n# "
        return "\n"

    text = _ANY_TAG.sub(" ", _BLOCK_TAG.sub(block, text))
    return html.unescape(text)


def _drop_element(text: str, name: str) -> str:
    """``text`` without ``<name ...> ... </name>`` (a linear scan, no backtracking)."""
    lower = text.lower()
    out, pos = [], 0
    while True:
        start = lower.find(f"<{name}", pos)
        if start < 0:
            break
        end = lower.find(f"</{name}", start)
        if end < 0:
            end = len(text)
        close = lower.find(">", end)
        out.append(text[pos:start])
        pos = len(text) if close < 0 else close + 1
    out.append(text[pos:])
    return " ".join(out) if len(out) > 1 else text


_ALL_HEADING_WORDINGS = sorted(
    {w for _, wordings in HEADINGS for w in wordings if len(w) > 5},
    key=len,
    reverse=True,
)
_INLINE_HEADING = re.compile(
    r"(?i)(?<![\w'])((?:minimum |basic |preferred |key )?(?:"
    + "|".join(re.escape(w) for w in _ALL_HEADING_WORDINGS)
    + r")[\w']*)\s*:\s*"
)
_INLINE_BULLET = re.compile(r"\s*[•▪●◦·]\s+")


def _split_long(line: str) -> str:
    """A very long line cut before inline bullets and around "Heading:" phrases."""
    line = _INLINE_BULLET.sub("\n- ", line)
    return _INLINE_HEADING.sub(lambda m: f"\n{m.group(1)}:\n", line)


def _prepare(text: str) -> list[str]:
    if len(text) > MAX_POSTING:
        raise PostingTooLong(
            f"the posting has {len(text):,} characters, more than any job posting "
            f"({MAX_POSTING:,}); paste the posting's text only"
        )
    if len(_HTML_TAG.findall(text[:200_000])) >= 2:
        text = _strip_html(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ").replace("\xa0", " ")
    lines = []
    for line in text.split("\n"):
        if len(line) > _LONG_LINE:
            lines += _split_long(line).split("\n")
        else:
            lines.append(line)
    return lines


# --- splitting ----------------------------------------------------------------------------------

_BULLET = re.compile(r"^(?:[-*+•▪●◦·–—]|\(?\d{1,3}[.)]|\(?[a-zA-Z][.)]|\([ivx]{1,4}\))\s+")
_BOLD = re.compile(r"^(\*\*|__)(.+?)\1\s*:?\s*$")
_MD_MARKS = re.compile(r"\*\*|__|`|(?<!\w)[*_](?=\w)|(?<=\w)[*_](?!\w)")
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-ZÄÖÜ0-9(\"“])")
_NICE_CUE = re.compile(
    r"(?i)\b(nice to have|nice-to-have|a plus|is a plus|bonus|preferred|ideally|desirable"
    r"|wünschenswert|von vorteil|ein plus)\b"
)
_RESPONSIBILITY_CUE = re.compile(
    r"(?i)^(?:you will|you'll|you’ll|in this role|du wirst|sie werden|du |"
    r"(?:build|design|develop|own|lead|drive|run|maintain|create|collaborate|partner|manage"
    r"|ship|improve|deliver|define|mentor|work|implement|write|analy[sz]e|present|support"
    r"|operate|evolve|shape|scale)\b)"
)
_MUST_CUE = re.compile(
    r"(?i)\b(experience|years?|required|must|proficien\w*|knowledge|familiar\w*|degree"
    r"|strong|ability|skills?|background|understanding|expertise|fluen\w*|erfahrung"
    r"|kenntnisse|jahre)\b"
)


def _heading(line: str) -> tuple[str, str] | None:
    """``(heading text, rest of the line)`` when ``line`` is a heading."""
    if line.startswith("#"):
        return line.lstrip("#").strip(), ""
    bold = _BOLD.match(line)
    if bold:
        return bold.group(2).strip(" :"), ""
    words = line.rstrip(":").split()
    if line.endswith(":") and len(words) <= _MAX_HEADING_WORDS:
        return line.rstrip(":").strip(), ""
    if len(words) <= 6 and line[-1] not in ".!?;," and heading_kind(line) is not None:
        return line, ""
    head, colon, rest = line.partition(":")
    if (
        colon
        and rest.strip()
        and len(head.split()) <= 4
        and heading_kind(head) not in (None, "other")
    ):
        return head.strip(), rest.strip()  # "Bonus: experience with Rust"
    return None


def _row_text(text: str) -> str:
    return " ".join(clean_line(_MD_MARKS.sub("", text)).split()).strip(" ;,")


def _sentences(text: str) -> list[str]:
    return [s for s in (_row_text(part) for part in _SENTENCE.split(text)) if s]


def _split(lines: list[str]) -> list[tuple[str | None, str]]:
    """``(section kind, row text)`` for every row; ``None`` before the first heading."""
    rows: list[tuple[str | None, str]] = []
    kind: str | None = None
    paragraph: list[str] = []
    in_bullet = False

    def flush() -> None:
        nonlocal in_bullet
        if paragraph:
            rows.extend((kind, s) for s in _sentences(" ".join(paragraph)))
            paragraph.clear()
        in_bullet = False

    for raw in lines:
        line = raw.strip()
        if not line:
            flush()
            continue
        bullet = _BULLET.match(line)
        heading = None if bullet else _heading(line)
        if bullet and _BOLD.match(line[bullet.end() :]) and heading_kind(line[bullet.end() :]):
            heading = (line[bullet.end() :].strip(" *_:"), "")  # "- **Requirements**"
        if heading is not None:
            flush()
            title, rest = heading
            found = heading_kind(title)
            if found is not None:
                kind = found
            elif not line.endswith(":") or kind in (None, "other"):
                kind = "other"  # the title, or a section of no known kind
            # else: a lead-in such as "In this role:" keeps its section's kind
            if rest:
                rows.append((kind, _row_text(rest)))
            continue
        if bullet:
            flush()
            paragraph.append(line[bullet.end() :])
            in_bullet = True
            continue
        if in_bullet and raw[:1].isspace():
            paragraph.append(line)  # a bullet's continuation line
            continue
        if in_bullet:
            flush()
        paragraph.append(line)
    flush()
    return rows


def requirements(text: str) -> list[Requirement]:
    """The posting's requirement rows, in the posting's order, each with its key terms.

    >>> [(r.kind, r.text, r.terms) for r in requirements("Requirements:\\n- 3+ years of K8s")]
    [('must', '3+ years of K8s', ['3+ years', 'Kubernetes'])]
    """
    lines = _prepare(text)
    rows = _split(lines)
    german = _is_german(text)
    known = [(k, t) for k, t in rows if k in ("must", "nice", "responsibility")]
    if not known:  # no headings: every sentence with a cue is a row, kind by its cue
        known = []
        for _, sentence in rows:
            kind = _cue_kind(sentence)
            if kind is not None:
                known.append((kind, sentence))
    out: list[Requirement] = []
    seen: dict[str, int] = {}
    for kind, row in known[:MAX_ROWS]:
        if not row or not any(ch.isalnum() for ch in row):
            continue
        if kind == "must" and _NICE_CUE.search(row):
            kind = "nice"
        key = f"{kind}\n{row.lower()}"
        seen[key] = seen.get(key, 0) + 1
        digest = hashlib.sha1(f"{key}\n{seen[key]}".encode()).hexdigest()[:16]
        out.append(
            Requirement(
                id=f"req-{digest}",
                text=row[:2_000],
                kind=_kind(kind),
                terms=terms_of(row, german=german),
            )
        )
    return out


def _kind(kind: str | None) -> RequirementKind:
    return kind if kind in ("must", "nice", "responsibility") else "must"  # type: ignore[return-value]


def _cue_kind(sentence: str) -> str | None:
    if _NICE_CUE.search(sentence):
        return "nice"
    if _RESPONSIBILITY_CUE.match(sentence):
        return "responsibility"
    if _MUST_CUE.search(sentence):
        return "must"
    return None


_GERMAN_WORDS = _set(
    "und mit der die das du wir oder für ist ein eine unsere bei zu von auf den dem ihr sie"
)
_ENGLISH_WORDS = _set("and with the of or you we to for our a in is are your")


def _is_german(text: str) -> bool:
    sample = text[:20_000].lower()
    if any(h in sample for h in _GERMAN_HEADINGS):
        return True
    tokens = re.findall(r"[a-zäöüß]+", sample)
    german = sum(t in _GERMAN_WORDS for t in tokens)
    return german > sum(t in _ENGLISH_WORDS for t in tokens)


# --- key terms ----------------------------------------------------------------------------------

# Canonical name -> how postings write it (lower case unless marked as written: "=Go").
# Curated from common job-posting vocabulary, not from the test postings' wording.
TERMS: dict[str, tuple[str, ...]] = {
    # languages
    "Python": ("python",),
    "Java": ("java",),
    "Go": ("=Go", "golang"),
    "Rust": ("=Rust",),
    "C++": ("c++", "cpp"),
    "C#": ("c#",),
    "JavaScript": ("javascript", "=JS"),
    "TypeScript": ("typescript",),
    "Kotlin": ("kotlin",),
    "Swift": ("=Swift",),
    "Scala": ("scala",),
    "Ruby": ("=Ruby",),
    "PHP": ("php",),
    "R": ("=R",),
    "SQL": ("sql",),
    "Bash": ("bash", "shell scripting"),
    "HTML": ("html",),
    "CSS": ("css",),
    "Julia": ("=Julia",),
    "MATLAB": ("matlab",),
    # frameworks and tools
    "PyTorch": ("pytorch",),
    "TensorFlow": ("tensorflow",),
    "Keras": ("keras",),
    "JAX": ("=JAX",),
    "scikit-learn": ("scikit-learn", "sklearn"),
    "pandas": ("pandas",),
    "NumPy": ("numpy",),
    "Spark": ("apache spark", "pyspark", "spark"),
    "Kafka": ("apache kafka", "kafka"),
    "Flink": ("flink",),
    "Hadoop": ("hadoop",),
    "Airflow": ("apache airflow", "airflow"),
    "dbt": ("dbt",),
    "React": ("=React", "react.js"),
    "Vue": ("vue.js", "=Vue"),
    "Angular": ("=Angular",),
    "Node.js": ("node.js", "nodejs"),
    "Django": ("django",),
    "Flask": ("=Flask",),
    "FastAPI": ("fastapi",),
    "Spring Boot": ("spring boot",),
    "Ray": ("=Ray",),
    "Kubeflow": ("kubeflow",),
    "MLflow": ("mlflow",),
    "Hugging Face": ("hugging face", "huggingface"),
    "XGBoost": ("xgboost",),
    "LightGBM": ("lightgbm",),
    "Jira": ("jira",),
    "Tableau": ("tableau",),
    "Looker": ("=Looker",),
    "Power BI": ("power bi",),
    "Figma": ("figma",),
    "Sketch": ("=Sketch",),
    "Git": ("=Git", "github", "gitlab"),
    # cloud and infrastructure
    "AWS": ("aws", "amazon web services"),
    "Google Cloud": ("google cloud platform", "google cloud", "gcp"),
    "Azure": ("microsoft azure", "azure"),
    "Kubernetes": ("kubernetes", "k8s"),
    "Docker": ("docker",),
    "Terraform": ("terraform",),
    "Ansible": ("ansible",),
    "Linux": ("linux",),
    "CI/CD": (
        "ci/cd",
        "ci / cd",
        "continuous integration",
        "continuous delivery",
        "continuous deployment",
    ),
    "Prometheus": ("prometheus",),
    "Grafana": ("grafana",),
    "Datadog": ("datadog",),
    "PostgreSQL": ("postgresql", "postgres"),
    "MySQL": ("mysql",),
    "MongoDB": ("mongodb",),
    "Redis": ("redis",),
    "Elasticsearch": ("elasticsearch",),
    "Cassandra": ("cassandra",),
    "DynamoDB": ("dynamodb",),
    "BigQuery": ("bigquery",),
    "Snowflake": ("snowflake",),
    "Redshift": ("redshift",),
    "Databricks": ("databricks",),
    "gRPC": ("grpc",),
    "REST": ("=REST", "restful"),
    "GraphQL": ("graphql",),
    "microservices": ("microservices", "micro-services"),
    "CUDA": ("cuda",),
    "GPU": ("gpus", "gpu"),
    # machine learning and data
    "machine learning": ("machine learning", "=ML"),
    "deep learning": ("deep learning",),
    "artificial intelligence": ("artificial intelligence", "=AI"),
    "natural language processing": ("natural language processing", "=NLP"),
    "computer vision": ("computer vision",),
    "large language models": ("large language models", "large language model", "=LLMs", "=LLM"),
    "generative AI": ("generative ai", "genai"),
    "reinforcement learning": ("reinforcement learning",),
    "recommender systems": (
        "recommender systems",
        "recommender system",
        "recommendation systems",
        "recommendation system",
        "recommendations",
        "recommender",
    ),
    "ranking": ("ranking",),
    "search": ("=search",),
    "personalization": ("personalization", "personalisation"),
    "statistics": ("statistics", "statistical"),
    "experiment design": ("experiment design", "experimental design"),
    "experimentation": ("experimentation", "experiments", "experiment"),
    "A/B testing": ("a/b testing", "a/b tests", "a/b test", "ab testing", "split testing"),
    "causal inference": ("causal inference",),
    "time series": ("time series", "time-series"),
    "forecasting": ("forecasting", "forecasts"),
    "Bayesian modelling": ("bayesian modelling", "bayesian modeling", "bayesian statistics"),
    "optimization": ("optimization", "optimisation"),
    "data pipelines": (
        "data pipelines",
        "data pipeline",
        "datenpipelines",
        "datenpipeline",
        "etl pipelines",
    ),
    "ETL": ("etl", "elt"),
    "data warehouse": ("data warehouse", "data warehousing", "data-warehouse"),
    "data engineering": ("data engineering", "data engineers", "data engineer"),
    "data modelling": ("data modelling", "data modeling", "datenmodellierung"),
    "analytics": ("analytics",),
    "model serving": ("model serving", "model deployment"),
    "MLOps": ("mlops",),
    "distributed training": ("distributed training",),
    "distributed systems": ("distributed systems", "distributed system"),
    "latency": ("latency", "low-latency"),
    "scalability": ("scalability", "scalable"),
    "observability": ("observability",),
    "monitoring": ("monitoring",),
    "on-call": ("on-call", "on call", "rufbereitschaft"),
    "security": ("security",),
    "PCI DSS": ("pci dss", "pci-dss"),
    "GDPR": ("gdpr", "dsgvo"),
    # software engineering
    "payments": ("payments", "payment"),
    "APIs": ("apis", "api"),
    "event-driven architecture": ("event-driven architecture", "event-driven", "event driven"),
    "backend development": ("backend development", "back-end development", "backend", "back-end"),
    "front-end": ("front-end", "frontend", "front end"),
    "full-stack": ("full-stack", "full stack"),
    "relational databases": ("relational databases", "relational database", "rdbms"),
    "testing": ("unit testing", "automated testing"),
    "TDD": ("test-driven development", "tdd"),
    "agile": ("agile", "scrum"),
    "SaaS": ("saas",),
    # product and design
    "product design": ("product design",),
    "interaction design": ("interaction design",),
    "visual design": ("visual design",),
    "motion design": ("motion design",),
    "UX": ("=UX", "user experience"),
    "UI": ("=UI", "user interface", "user interfaces"),
    "user research": ("user research", "ux research"),
    "usability testing": ("usability testing", "usability tests"),
    "design systems": ("design systems", "design system"),
    "prototyping": ("prototyping", "prototypes"),
    "accessibility": ("accessibility", "a11y"),
    "WCAG": ("wcag",),
    "discovery": ("product discovery", "discovery"),
    "portfolio": ("portfolio",),
    "information architecture": ("information architecture",),
    # business and fields
    "economics": ("economics", "econometrics"),
    "pricing": ("pricing",),
    "revenue management": ("revenue management",),
    "product management": ("product management",),
    "stakeholder management": ("stakeholder management",),
    "communication": ("communication", "communication skills", "kommunikation"),
    "mentoring": ("mentoring", "mentorship"),
    # languages people speak
    "English": ("=English", "englisch", "englischkenntnisse"),
    "German": ("=German", "deutsch", "deutschkenntnisse"),
}


def _compile(exact: bool) -> re.Pattern[str]:
    variants = [
        (v[1:] if exact else v, name)
        for name, forms in TERMS.items()
        for v in forms
        if v.startswith("=") == exact
    ]
    variants.sort(key=lambda pair: len(pair[0]), reverse=True)
    body = "|".join(re.escape(v) for v in dict(variants))
    flags = 0 if exact else re.IGNORECASE
    return re.compile(rf"(?<![\w+#/&])(?:{body})(?![\w+#&]|/\w)", flags)


_BY_FORM = {
    (v[1:] if v.startswith("=") else v.lower()): name
    for name, forms in TERMS.items()
    for v in forms
}
_TABLE_FOLDED = _compile(False)
_TABLE_EXACT = _compile(True)
_YEARS = re.compile(
    r"(?i)(?<![\w.])(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten)\s*\+?\s*"
    r"(?:(?:-|–|to|bis)\s*\d{1,2}\s*\+?\s*)?(?:years?|yrs?|jahre?n?)\b"
)
_NUMBER_WORDS = {w: i for i, w in enumerate(_NUMBERS.split())}
_PIPELINE = re.compile(r"(?i)\b([a-z]{3,})[ -]pipelines?\b")
_NAME = re.compile(r"[A-Za-z][\w.+#/-]*[\w+#]")
# Capitalised words that are never names: pronouns, degrees, words of a title.
_NOT_NAMES = _set(
    """You Your We Our They Their It This That These The A An And Or Of In On For With To At By
    As If Is Are Be Bachelor Bachelors Master Masters MS BS BA MA MSc BSc PhD MBA Degree US USA
    EU UK CV HR PTO CEO CTO VP OK ID TBD I IT Senior Junior Lead Staff Principal Engineer
    Engineers Team Teams Remote Hybrid Must Nice Bonus Plus Strong Experience Knowledge"""
)


def terms_of(text: str, *, german: bool = False) -> list[str]:
    """Key terms of one requirement, canonical, in the order they appear, each once."""
    taken: list[tuple[int, int]] = []
    found: list[tuple[int, str]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in taken)

    def take(start: int, end: int, term: str) -> None:
        taken.append((start, end))
        found.append((start, term))

    for match in _YEARS.finditer(text):
        number = match.group(1).lower()
        count = _NUMBER_WORDS.get(number)
        take(match.start(), match.end(), f"{count if count is not None else int(number)}+ years")
    for match in _TABLE_FOLDED.finditer(text):
        if free(match.start(), match.end()):
            take(match.start(), match.end(), _BY_FORM[match.group().lower()])
    for match in _TABLE_EXACT.finditer(text):
        if free(match.start(), match.end()):
            take(match.start(), match.end(), _BY_FORM[match.group()])
    for match in _PIPELINE.finditer(text):
        if free(match.start(), match.end()) and match.group(1).lower() not in _STOP:
            take(match.start(), match.end(), f"{match.group(1).lower()} pipelines")
    for start, end, name in _names(text, german=german):
        if free(start, end):
            take(start, end, name)
    out: dict[str, str] = {}
    for _, term in sorted(found):
        out.setdefault(term.lower(), term)
    return list(out.values())


_STOP = _set("the our your their and build building new robust scalable")


def _names(text: str, *, german: bool) -> Iterable[tuple[int, int, str]]:
    """Names the table does not know: inner capitals, acronyms, capitalised words mid-sentence."""
    run: list[re.Match[str]] = []
    previous_end = 0

    def close() -> Iterable[tuple[int, int, str]]:
        if run:
            yield run[0].start(), run[-1].end(), " ".join(m.group() for m in run)

    for match in _NAME.finditer(text):
        word = match.group()
        before = text[previous_end : match.start()]
        starts = match.start() == 0 or bool(re.search(r"[.!?:;]\s*$", text[: match.start()][-3:]))
        inner = any(c.isupper() for c in word[1:]) or any(c.isdigit() for c in word)
        acronym = word.isupper() and len(word) >= 2
        capital = word[0].isupper() and not starts and not german
        is_name = word not in _NOT_NAMES and (inner or acronym or capital)
        if is_name and run and before.strip() == "":
            run.append(match)
        else:
            yield from close()
            run = [match] if is_name else []
        previous_end = match.end()
    yield from close()


def posting_terms(text: str) -> list[str]:
    """The posting's key terms, must-haves' first, each once: the vocabulary's "posting" source."""
    rows = requirements(text) if text.strip() else []
    order = {"must": 0, "responsibility": 1, "nice": 2}
    out: dict[str, str] = {}
    for row in sorted(rows, key=lambda r: order[r.kind]):
        for term in row.terms:
            if not term.endswith("+ years"):
                out.setdefault(term.lower(), term)
    return list(out.values())


def _same(text: str) -> str:
    return " ".join(text.lower().split()).strip(" .;,")


def merge_requirements(existing: list[Requirement], text: str) -> list[Requirement]:
    """The posting re-extracted into ``existing`` without overwriting the person's work.

    A fresh row whose text is the text or the source of an existing row keeps the existing
    row (its edits, its id, its dropped flag); other fresh rows are added, in the posting's
    order. Existing rows the person added or edited stay (at the end); untouched extracted
    rows the posting no longer has are removed.
    """
    by_text: dict[str, Requirement] = {}
    for row in existing:
        for key in (_same(row.source), _same(row.text)):
            if key:
                by_text.setdefault(key, row)
    ids = {row.id for row in existing}
    out: list[Requirement] = []
    used: set[str] = set()
    for row in requirements(text):
        old = by_text.get(_same(row.text))
        if old is not None:
            if old.id not in used:
                out.append(old)
                used.add(old.id)
            continue
        fresh = row.model_copy(update={"source": row.text})
        if fresh.id in ids:
            fresh = fresh.model_copy(update={"id": f"{fresh.id[:40]}-{len(out)}"})
        out.append(fresh)
    out += [r for r in existing if r.id not in used and (r.edited or not r.source)]
    return out
