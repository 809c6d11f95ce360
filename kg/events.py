"""Event extraction: trigger words from the lexicon, arguments from the dependency parse.

For each trigger the frame (ontology/lexicon.tsv) says where the actor and the recipient sit:
subject and object of a verb in active or passive voice, a participle modifying its patient
("villages besieged by rebel fighters"), the subject of a light verb ("imposed conditions
on"), the possessor or modifier of an event noun ("rebel shelling", "Turkey's accusation"),
or the noun an actor is in apposition with ("Russia, Assad's ally"). Conjunctions spread
actors and recipients; reporting verbs and "according to" become the event's source.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import replace

from spacy.symbols import AUX, VERB
from spacy.tokens import Doc, Span, Token

from . import dates
from .actors import ActorResolver, Resolved, make_resolved
from .extract import ids
from .extract.context import EventSettings
from .extract.doc import kids, token_indices
from .extract.types import UNNAMED_KINDS, Cause, Modality
from .extract.types import ActorType as T
from .extract.types import Factuality as F
from .extract.types import MentionKind as K
from .model import Article, Event, Mention
from .vocabulary import SLOTS, Frame, Vocabulary, slot_name, words  # noqa: F401 (SLOTS, slot_name: re-exported)

KEYED_LEMMAS_KEPT = 200_000  # lemmas whose answer `_keyed_tokens` keeps (a few MB)
_VERB_POS = (VERB, AUX)  # the parts of speech whose tokens are coded first in a sentence

SUBJECTS = {"nsubj", "nsubjpass", "csubj"}
# Where an argument that is not itself an actor finds one, in order of preference:
# "his Turkish counterpart Erdogan" → Erdogan; "rebel shelling" → rebel; "Assad's army" → Assad.
MODIFIER_ORDER = {"appos": 0, "compound": 1, "nmod": 2, "amod": 3, "poss": 4, "npadvmod": 5}  # "rebel-held"
# Word classes (what each signals is noted in ontology/word_classes.tsv).
RELATIONAL_NOUNS = words("relational_nouns")
RELATIVE_PRONOUNS = {"that", "which", "who", "whom"}
OBJECT_CONTROL = words("object_control")
QUANTIFIERS = words("quantifiers")
NEGATORS = words("negators")
FACT_DENIALS = words("fact_denials")
HYPOTHETICAL_HEADS = words("hypothetical_heads")
FUTURE_HEADS = words("future_heads")
COMPLEMENT_HEADS = FUTURE_HEADS | HYPOTHETICAL_HEADS | NEGATORS  # verbs that take an infinitive complement
HYPOTHETICAL_AUX = words("hypothetical_aux")
OBLIGATION_AUX = words("obligation_aux")
# PLOVER codes a promise of material cooperation as AGREE, not as the future act itself.
PROMISED_CATEGORIES = {"AID", "COOPERATE", "RETREAT"}
CONFLICT_ACTS = {"PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
ACCEPTANCES = {"AGREE", "SUPPORT", "CONCEDE"}
COOPERATION = {"CONSULT", "SUPPORT", "COOPERATE", "AID", "RETREAT", "CONCEDE"}
# What makes a future or conditional act the actor's own stance (a threat or a promise): a
# modal, a condition, or one of these governing verbs.
OWN_STANCE_CAUSES = {Cause.AUX, Cause.UNLESS, Cause.CONDITION}
OWN_STANCE_HEADS = {"threaten", "warn", "vow", "swear"}
PREPARING_HEADS = {"prepare", "ready"}  # "prepared to resume shelling": mobilising
FUTURE_AUX = words("future_aux")
DISPOSITIONS = words("dispositions")
CONTINUATIONS = words("continuations")
RECEIVING_VERBS = words("receiving_verbs")
ENABLING = words("enabling_verbs")
DOCUMENT_NOUNS = words("document_nouns")
EFFORT_NOUNS = words("effort_nouns")
# Answers to a charge: with no owner named ("denied the allegations"), the charge is the one
# last made against the answering party in the story, and its maker is the recipient.
ANSWERS = {"REJECT"}
GATHERING_NOUNS = words("gathering_nouns")
PUNISHMENTS = {"SANCTION", "COERCE"}  # acts done to someone for something they did
TOPIC_VERBS = words("topic_verbs")
SPEAKING_VERBS = words("speaking_verbs")
PLACE_TYPES = {T.PLACE, T.STATE}  # where prisoners are held: a town or a country
STATE_SIDE_TYPES = {T.STATE, T.GOVERNMENT, T.STATE_BODY, T.ARMED_FORCES}  # a state and its organs
ANSWERED_REQUESTS = {"REJECT", "AGREE", "CONCEDE"}  # refusing or granting what someone asked
REQUEST_NOUNS = words("request_nouns")
OWNED_PREDICATES = {"ACCUSE": "accuses", "REQUEST": "demands"}  # what an answered charge or request tells
CLAIM_NOUNS = words("claim_nouns")
SHARED_PLACE_NOUNS = words("shared_place_nouns")
RETALIATION_NOUNS = words("retaliation_nouns")
TERRITORY_NOUNS = words("territory_nouns")
ACCUSATION_NOUNS = words("accusation_nouns")
HEDGING_ADVERBS = words("hedging_adverbs")
AGREEMENT_NOUNS = words("agreement_nouns")
RECENT_ACTS = 40  # how far back "the arrests", "the sentences" look for the act they name
WANTING = {"want", "wish", "intend", "plan", "seek"}  # "does not want to meet": a refusal of what is not wanted
CLAIMING_VERBS = words("claiming_verbs")
RESPONSIBILITY_NOUNS = words("responsibility_nouns")
ACT_CLAIMING_VERBS = words("act_claiming_verbs")
CLAIMABLE_CATEGORIES = frozenset({"ASSAULT", "COERCE"})  # acts of violence a party claims as its own
MEDIATING = {"brokersCeasefire", "mediatesBetween"}  # predicates whose recipients are the parties
HEDGING_VERBS = words("hedging_verbs")
# Stances taken on another's act ("condemned the strikes", "demanded an end to the shelling",
# "welcomed the ceasefire"): the act's doer is the one addressed.
STANCES_ON_ACTS = {"ACCUSE", "REQUEST", "REJECT", "SUPPORT", "THREATEN"}
# Words that deny the clause they modify: "no", "never", and the near-negations "seldom criticised".
NEGATING_WORDS = words("negating_words")
# Protest verbs that mean showing or gathering when they take an object ("demonstrated its
# resolve", "rallied support", "marched the prisoners"); "protested the decision" still protests.
SHOWING_VERBS = words("showing_verbs")
# Nouns that stand for an act already told ("denounced the move", "criticised the decision").
ACT_NOUNS = words("act_nouns")
# What a call for someone's freedom asks for ("called for the release of X").
RELEASE_WORDS = words("release_words")
# Verbs that dispute what they take: with a claim as object ("contested China's claims",
# "disputed the report") they reject it rather than accuse.
DISPUTING_VERBS = words("disputing_verbs")
# Verbs that quote a question as often as they make a request.
QUESTION_VERBS = words("question_verbs")
# Verbs that tell their object to do what the infinitive says (CAMEO 10 demands, appeals).
DIRECTIVES = words("directives")
# Naming verbs ("called the vote a sham") and what naming something condemns it as.
NAMING_VERBS = words("naming_verbs")
CONDEMNATIONS = words("condemnations")
# Acts done by speaking: "marched to demand reforms" demands them, whatever else it aims at.
# Acts of force or repression that a third party's report of them charges the doer with:
# "Amnesty said forces executed prisoners" is Amnesty accusing the forces (PLOVER ACCUSE).
ALLEGED_ACTS = {"ASSAULT", "COERCE"}
NON_STATE_CODES = {"NGO", "IGO", "UNO", "EUR"}
SPEECH_ACTS = {"REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SUPPORT", "AGREE", "CONSULT"}


class EventExtractor:
    """Finds events in a parsed article, given its resolved actor mentions."""

    def __init__(self, vocabulary: Vocabulary, resolver: ActorResolver, settings: EventSettings | None = None) -> None:
        self.vocab = vocabulary
        self.resolver = resolver
        self.settings = settings or EventSettings()
        self._refusal = vocabulary.frames[("refuse", "VERB")][0]
        self._sanction = vocabulary.frames[("sanction", "VERB")][0]
        # Condemning by naming: the condemner names its target as the object, the one addressed
        # ("called him a liar") or the owner of what it names ("called Kabul's claims baseless").
        self._condemning = replace(vocabulary.frames[("condemn", "VERB")][0], recipient=("ccomp-subject",),
                                   objects=frozenset(), needs_recipient=True)
        self._directive = replace(vocabulary.frames[("urge", "VERB")][0], recipient=("dobj", "ccomp-subject"),
                                  objects=frozenset(),
                                  needs_recipient=True)
        self._naming_claim = replace(vocabulary.frames[("reject", "VERB")][0], recipient=("dobj", "dative"),
                                     objects=frozenset(), needs_recipient=False)
        self._naming = replace(vocabulary.frames[("condemn", "VERB")][0], recipient=("dobj", "dative"),
                               objects=frozenset(), needs_recipient=False)
        self.noun_categories: dict[str, set[str]] = {}  # event noun → the categories its frames code
        # nouns of acts done together ("summit", "talks"): "the summit with Kim" is Kim's too
        self.joint_nouns: set[str] = set()
        # verbs whose object is the victim of an act of conflict ("kidnapped", "detained"), not
        # the deed itself ("committed crimes", "carried out attacks": rows asking for such objects)
        self.harming_verbs = frozenset(
            trigger for (trigger, pos), frames in vocabulary.frames.items() if pos == "VERB"
            and any(vocabulary.predicate_category[f.predicate] in CONFLICT_ACTS and not (f.objects - {"*"})
                    and "dobj" in f.recipient for f in frames))
        for (trigger, pos), frames in vocabulary.frames.items():
            if pos == "NOUN":
                self.noun_categories.setdefault(trigger, set()).update(
                    vocabulary.predicate_category[f.predicate] for f in frames)
                if any(f.reciprocal for f in frames):
                    self.joint_nouns.add(trigger)
        # Every word a rule of _events_at is keyed on (a frame's trigger or one of the word lists it
        # tests): `_keyed_tokens` visits only these (most tokens code nothing). Keep it in step with
        # _events_at when a rule keyed on another word list is added there.
        self.trigger_words = frozenset(trigger for trigger, _ in vocabulary.frames) | frozenset(vocabulary.say_verbs) \
            | CLAIMING_VERBS | QUESTION_VERBS | DIRECTIVES | NAMING_VERBS
        self._keyed: dict[int, bool] = {}  # lemma hash → in trigger_words (learnt as lemmas come; bounded)

    def extract(self, doc: Doc, article: Article, resolved: list[Resolved]) -> list[Event]:
        state = _DocState(doc, resolved, self.resolver, self.vocab, self.settings, self.noun_categories,
                          self.joint_nouns, self.harming_verbs)
        proposals: list[Event] = []
        for i in self._keyed_tokens(doc):
            proposals += self._events_at(doc[i], state, article)
            proposals += state.take_derived()
        return choose_events(doc, proposals)

    def _keyed_tokens(self, doc: Doc) -> list[int]:
        """The tokens whose lemma some rule of `_events_at` is keyed on, in the order it sees them:
        sentence by sentence, verbs first within each (a verb's event may consume the noun that
        names the same act). Every other token codes nothing, so no Token object is made for it:
        the lemmas are read from the Doc's array, each distinct one looked up once."""
        lemmas = doc.to_array("LEMMA").tolist()
        keyed = self._keyed
        if len(keyed) > KEYED_LEMMAS_KEPT:  # (every distinct lemma of the corpus would stay)
            keyed.clear()
        strings = doc.vocab.strings
        for h in set(lemmas).difference(keyed):
            keyed[h] = strings[h].lower() in self.trigger_words
        found = [i for i, h in enumerate(lemmas) if keyed[h]]
        if not found:
            return []
        verbs = set(token_indices(doc, "POS", _VERB_POS))
        ordered: list[int] = []
        for sentence in doc.sents:
            inside = found[bisect_left(found, sentence.start):bisect_left(found, sentence.end)]
            ordered += sorted(inside, key=lambda i: 0 if i in verbs else 1)
        return ordered

    # ------------------------------------------------------------ triggers

    def _events_at(self, token: Token, state: _DocState, article: Article) -> list[Event]:
        if token.i in state.consumed:
            return []
        lemma = token.lemma_.lower()  # (one of trigger_words: `_keyed_tokens` visits no other)
        if _is_hyphen_participle(token):
            frames = self.vocab.frames.get((lemma, "HYPHEN"), [])
        elif token.pos_ in {"VERB", "AUX"} or (token.tag_ in {"VBN", "VBG", "VBD", "VBZ", "VBP", "VB"}):
            frames = self.vocab.frames.get((lemma, "VERB"), [])
        elif token.pos_ in {"NOUN", "PROPN"}:
            frames = self.vocab.frames.get((lemma, "NOUN"), [])
        elif token.pos_ == "ADJ" and token.dep_ == "acomp":
            frames = self.vocab.frames.get((lemma, "ADJ"), [])  # "is grateful to Qatar", "was disappointed by"
        else:
            frames = []
        if lemma in CLAIMING_VERBS and token.pos_ in {"VERB", "AUX"} \
                and (act := self._claimed_act(token)) is not None:
            event = self._claim_of_act(token, act, state, article)
            return [event] if event else []
        if lemma in self.vocab.say_verbs and token.pos_ in {"VERB", "AUX"}:
            return self._obligations(token, state, article) or self._condemning_statement(token, state, article)
        if lemma in QUESTION_VERBS and _quotes_a_question(token):
            return []  # '"Who pays?" she asked': a question quoted, not a request
        if lemma in DIRECTIVES and token.pos_ in {"VERB", "AUX"} and _directs(token):
            # "expects Kabul to act", "told the rebels to leave", "wants Russia to stop": a demand on
            # the one told, whatever the verb codes on its own ("pressure" alone is coercion)
            event = self._build(self._directive, token, state, article)
            return [event] if event else []
        if lemma in NAMING_VERBS and (named_as := _named_as(token)) is not None:
            # "called the assertions baseless", "called him a correspondent": naming, not an
            # appeal; naming something a crime or a lie condemns whoever it belongs to
            if not any(t.lemma_.lower() in CONDEMNATIONS for t in named_as.subtree):
                return []
            claims = bool(_claims_taken(token))
            # naming a claim baseless rejects it ("called Kabul's assertions baseless"), as CAMEO codes it
            event = self._build(self._naming_claim if claims else self._naming, token, state, article)
            return [event] if event else []
        frame = self._choose(frames, token)
        if frame is None:
            return []
        event = self._build(frame, token, state, article)
        return [event] if event else []

    def _as_coded(self, category: str, predicate: str, modality: Modality, own: bool = True) -> tuple[str, str, F]:
        """PLOVER codes what an actor says it will do: a promised material act is AGREE, an
        announced or conditional act of conflict is THREATEN. Acts that others merely want,
        fear or ask for keep their category and stay hypothetical."""
        factuality, cause = modality.factuality, modality.cause
        if cause == Cause.PURPOSE and category in SPEECH_ACTS:
            return category, predicate, F.ASSERTED
        if factuality == F.NEGATED and category in ACCEPTANCES and modality.head not in FACT_DENIALS:
            return "REJECT", "rejects", F.ASSERTED  # "will not accept", "did not agree": a refusal
        if factuality == F.NEGATED and modality.head in WANTING and category in COOPERATION | {"AGREE"}:
            return "REJECT", "rejects", F.ASSERTED  # "does not want to meet Kim": a refusal to meet
        own_stance = (factuality == F.FUTURE and cause != Cause.PURPOSE) or cause in OWN_STANCE_CAUSES \
            or modality.governed_by(OWN_STANCE_HEADS)
        if not own_stance or not own:  # "warned China against supplying arms": China's act, wanted not
            return category, predicate, factuality
        if category == "ASSAULT" and modality.governed_by(PREPARING_HEADS):
            return "MOBILIZE", "mobilisesAgainst", F.ASSERTED  # "prepared to resume shelling"
        if (category in CONFLICT_ACTS and not modality.governed_by(DISPOSITIONS)) or cause == Cause.UNLESS:
            return "THREATEN", "threatens", F.ASSERTED
        if category in PROMISED_CATEGORIES or (factuality == F.HYPOTHETICAL and category in COOPERATION):
            return "AGREE", "promises", F.ASSERTED  # "would meet if ...": an offer
        return category, predicate, factuality

    def _own_stance(self, token: Token, modality: Modality, agents: list[Resolved], state: _DocState) -> bool:
        """Whether the act at `token` is its doers' own stance under the head that governs it:
        "Iran threatened to strike" is Iran's threat; in "the ministers warned China against
        supplying arms" the supplying is China's, which the warners do not announce."""
        if modality.cause not in {Cause.HYPOTHETICAL_HEAD, Cause.FUTURE_HEAD}:
            return True
        head = next((t for t in _governing_chain(token)[1:] if t.lemma_.lower() == modality.head), None)
        if head is None:
            return True
        doers = {a.actor.id for a in agents}
        told = {r.actor.id for o in object_of(head) for r in state.mentions_for(o)}
        if told & doers:
            return False  # the one warned or asked acts, whoever did the warning
        speakers = {r.actor.id for s in subject_of(head) for r in state.mentions_for(s)}
        return not speakers or bool(speakers & doers)

    def _holders(self, trigger: Token, detained: list[Resolved], askers: list[Resolved]) -> list[Resolved]:
        """Who is asked to free people: the government of their state (PLOVER codes a call for a
        release as a demand on the detaining authority; with none named, their own state's).
        Recipients that are themselves states or state bodies stay as they are; a state asking
        for its own national is asking a foreign jailer nobody named, so that recipient goes."""
        out = []
        asking_states = {a.actor.state_key for a in askers}
        for r in detained:
            state_id = r.actor.state_key
            if r.actor.type in {T.PERSON, T.GROUP}:
                if state_id in asking_states:
                    continue
                if state_id in self.resolver.gaz.states:
                    government = self.resolver.gaz.body(state_id, "government")
                    r = make_resolved(trigger.i, trigger.i + 1, trigger.doc, government,
                                      self.settings.implied_target_confidence, K.IMPLIED)
            out.append(r)
        return _unique(out)

    def _jailers(self, trigger: Token, state: _DocState, askers: list[Resolved]) -> list[Resolved]:
        """Whom a call to free unnamed prisoners is aimed at: the government of the state where the
        sentence says they are held ("prisoners held in Balochistan jails"), else, when the askers
        are no state's own bodies (rebels, families, rights groups of one country), the government
        of their state. A state's call with no jail named stays aimed at no one."""
        where = [r.actor.state_key for t in trigger.sent if t.i > trigger.i
                 for r in [state.by_token.get(t.i)] if r is not None and r.actor.type in PLACE_TYPES]
        states = self.resolver.gaz.states
        held_in = next((s for s in where if s in states), None)
        if held_in is None:
            own = {a.actor.state_key for a in askers if a.actor.type not in STATE_SIDE_TYPES}
            if len(own) != 1 or any(a.actor.type in STATE_SIDE_TYPES for a in askers):
                return []
            held_in = own.pop()
        if held_in not in states or any(a.actor.state_key == held_in and a.actor.type in STATE_SIDE_TYPES
                                        for a in askers):
            return []
        government = self.resolver.gaz.body(held_in, "government")
        return [make_resolved(trigger.i, trigger.i + 1, trigger.doc, government,
                              self.settings.implied_target_confidence, K.IMPLIED)]

    def _members(self, club: Resolved, token: Token, article: Article) -> list[Resolved]:
        """'G7 foreign ministers met', 'the GCC summit': a meeting of a small club is a meeting
        of its members on the article's date (memberships.tsv), each standing at the club's
        mention; a club the file does not list stays itself."""
        gaz = self.resolver.gaz
        members = gaz.members_of(ids.key_of(club.actor.id), article.date)
        return [make_resolved(club.start, club.end, token.doc, gaz.states[m], club.confidence, K.IMPLIED)
                for m in members]

    def _banning_state(self, participle: Token, state: _DocState) -> list[Resolved]:
        """'the banned Baloch Liberation Army', 'the outlawed Muslim Brotherhood': a group told
        in passing as banned is banned by the government of its own state, which the text leaves
        unnamed (an implied doer, with the implied confidence)."""
        out = []
        for group in state.mentions_for(participle.head):
            state_id = group.actor.state_key
            if group.actor.type in {T.ARMED_GROUP, T.PARTY, T.ORGANISATION, T.MEDIA} \
                    and state_id in self.resolver.gaz.states:
                government = self.resolver.gaz.body(state_id, "government")
                out.append(make_resolved(participle.i, participle.i + 1, participle.doc, government,
                                         self.settings.implied_target_confidence, K.IMPLIED))
        return _unique(out)

    def _retaliators(self, act: Token, state: _DocState) -> list[Resolved]:
        """Whom an act answered by retaliation was aimed at: the retaliators. "Israel struck Iran
        in retaliation for Tehran's missile attack": Tehran attacked Israel."""
        preposition = act.head
        if act.dep_ != "pobj" or preposition.lower_ not in {"for", "to"}:
            return []
        answer = preposition.head
        if answer.lemma_.lower() not in RETALIATION_NOUNS or answer.dep_ != "pobj":
            return []
        # the verb the phrase belongs to, also when it hangs on the object ("struck sites in retaliation")
        verb = next((t for t in _governing_chain(answer) if t.pos_ in {"VERB", "AUX"}), None)
        if verb is None:
            return []
        return [r for s in subject_of(verb) for r in state.mentions_for(s)]

    def _appealed_place(self, trigger: Token, state: _DocState, agents: list[Resolved]) -> list[Resolved]:
        """Whom an appeal that names no one is aimed at: the foreign state where what it asks for
        should happen ("called for a ceasefire in Sudan", "appealed for peace in Ukraine"), as
        PLOVER codes it. An appeal for calm at home names no one."""
        asked = [o for p in ("for", "to") for o in _prep_objects(trigger, p)] + object_of(trigger)
        own = {a.actor.state_key for a in agents}
        for thing in asked:
            for place in _prep_objects(thing, "in"):
                for r in state.mentions_for(place):  # a state, or a town standing for its state
                    where = r.actor.state_key
                    if where in self.resolver.gaz.states and where not in own:
                        return [r] if r.actor.type == T.STATE else [make_resolved(
                            r.start, r.end, trigger.doc, self.resolver.gaz.states[where], r.confidence, K.STATE)]
        return []

    def _protest_target(self, trigger: Token, state: _DocState, agents: list[Resolved]) -> list[Resolved]:
        """Whom a protest is aimed at when the clause does not say 'against': what it protests
        ("a hunger strike in protest of the government's refusal"), the state or government named
        after it in the sentence ("demonstrated in Serbia"), else the protesters' own government."""
        actor_ids = {a.actor.id for a in agents}
        for token in trigger.subtree:
            if token.lemma_.lower() == "protest" and token.i != trigger.i:
                for preposition in ("of", "at", "against", "over"):
                    for obj in _prep_objects(token, preposition):
                        found = [r for r in state.mentions_for(obj) if r.actor.id not in actor_ids]
                        if found:
                            return found
        later = [r for r in state.resolved if trigger.i < r.start < trigger.sent.end
                 and r.actor.type in {T.STATE, T.GOVERNMENT} and r.actor.id not in actor_ids]
        if later:
            return later[:1]
        state_id = agents[0].actor.state_key
        if state_id in self.resolver.gaz.states:
            own = self.resolver.gaz.body(state_id, "government")
            return [make_resolved(trigger.i, trigger.i + 1, trigger.doc, own,
                                  self.settings.implied_target_confidence, K.IMPLIED)]
        return []

    def _obligations(self, say: Token, state: _DocState, article: Article) -> list[Event]:
        """'X said Y must do Z': a demand by X on Y (CAMEO 10), coded through the OBLIGE frames."""
        frames = self.vocab.frames.get((say.lemma_.lower(), "OBLIGE"), [])
        clauses = [c for c in kids(say) if c.dep_ == "ccomp"
                   and any(a.dep_ == "aux" and a.lower_ in OBLIGATION_AUX for a in kids(c))]
        if not frames or not clauses:
            return []
        event = self._build(frames[0], say, state, article, forced=F.ASSERTED)
        return [event] if event else []

    def _condemning_statement(self, say: Token, state: _DocState, article: Article) -> list[Event]:
        """'Rights groups say the charges are politically motivated', 'Kabul said the raid was a
        violation of its sovereignty': a statement that condemns what its clause is about accuses
        whoever that belongs to; with no one to accuse it is no event."""
        clauses = [c for c in kids(say) if c.dep_ == "ccomp" and (_condemns(c) or self._behind_an_act(c))]
        if not clauses:
            return []
        event = self._build(self._condemning, say, state, article)
        return [event] if event and event.recipients else []

    def _behind_an_act(self, clause: Token) -> bool:
        """'told VOA that al-Shabab was behind the attack': naming who was behind an act of
        conflict blames them for it."""
        return clause.lemma_.lower() == "be" and any(
            self.noun_categories.get(o.lemma_.lower(), set()) & CONFLICT_ACTS
            for p in kids(clause) if p.dep_ == "prep" and p.lower_ == "behind"
            for o in kids(p) if o.dep_ == "pobj")

    def _choose(self, frames: list[Frame], token: Token) -> Frame | None:
        """The most specific frame whose object condition the token satisfies."""
        if not frames:
            return None  # (most tokens: nothing to read of their children)
        objects = {c.lemma_.lower() for c in kids(token) if c.dep_ in {"dobj", "attr", "nsubjpass", "oprd", "dep"}
                   and not self._qualified_event_noun(c)}
        objects |= {c.lower_ for c in kids(token)
                    if c.dep_ in {"prep", "prt"} or (c.dep_ == "advmod" and c.lower_ == "back")}  # "pushed X back"
        if token.pos_ in {"NOUN", "PROPN"}:
            objects |= {c.lemma_.lower() for c in kids(token) if c.dep_ in {"amod", "compound"}}
            if token.dep_ == "dobj":  # "held drills around Taiwan": the parser hangs the phrase on the verb
                objects |= {c.lower_ for c in kids(token.head) if c.dep_ == "prep"}
            if token.dep_ == "pobj":
                objects.add("@" + token.head.lower_)  # "in support of X": the preposition decides the roles
        ranked = sorted(frames, key=lambda f: 0 if f.objects - {"*"} else (1 if "*" in f.objects else 2))
        for frame in ranked:
            specific = frame.objects - {"*"}
            if specific and objects & specific:
                return frame
            if "*" in frame.objects and any(c.dep_ in {"dobj", "attr"} for c in kids(token)):
                return frame  # "deployed police officers": a row listing words and * takes any object
            if not frame.objects:
                return frame
        return None

    def _qualified_event_noun(self, noun: Token) -> bool:
        """'held defensive positions against X', 'announced a joint venture': an object carrying the
        modifier its own noun row asks for names that event, so the verb's senses for the bare
        noun ("maintain a position": a stance, CAMEO's refusal to yield) do not apply."""
        if noun.pos_ not in {"NOUN", "PROPN"}:
            return False
        return _carries_modifier(noun, self.vocab.qualified_nouns)

    def _build(self, frame: Frame, token: Token, state: _DocState, article: Article,
               forced: F | None = None) -> Event | None:
        """The event the frame codes at `token`, or None. Event nouns its slots took in ("shattered
        by a government offensive") are spent only when the event is made: "others in support of
        the coalition campaign against Daesh", with no supporter named, leaves the campaign its own."""
        mark = len(state.tentative)
        try:
            event = self._build_event(frame, token, state, article, forced)
            if event is not None:
                state.consumed.update(state.tentative[mark:])
            return event
        finally:
            del state.tentative[mark:]

    def _build_event(self, frame: Frame, token: Token, state: _DocState, article: Article,
                     forced: F | None = None) -> Event | None:
        # Places do not act ("Near Raqqah, strikes hit ..."); regions such as "the West" get no
        # PLOVER code, and an event is not coded for them.
        coded = self.vocab.predicate_category[frame.predicate]  # the row's category, before modality recodes it
        agents = [a for a in self._slots(frame.agent, token, state, frame, role="agent")
                  if a.actor.type not in {T.PLACE, T.REGION}]
        if not agents and coded in {"SANCTION", "COERCE"} and token.dep_ == "amod" and token.tag_ == "VBN":
            agents = self._banning_state(token, state)
            if agents:  # outlawing a group is a sanction on it, as a designation is (PLOVER SANCTION)
                frame, coded = self._sanction, "SANCTION"
        if frame.reciprocal and len(agents) == 1 and agents[0].actor.type == T.IGO:
            agents = self._members(agents[0], token, article) or agents
        if agents and token.pos_ in {"NOUN", "PROPN"}:
            state.doers[token.lemma_.lower()] = agents
        if agents:
            state.doers_of[coded] = agents  # "bombed ... the bombing"
            state.acts.append((token.i, agents))
        agents = _unique(agents)
        agent_ids = {r.actor.id for r in agents}
        recipients = self._slots(frame.recipient, token, state, frame, role="recipient", exclude=agent_ids)
        recipients = [r for r in _unique(recipients) if r.actor.id not in agent_ids and r.actor.type != T.REGION]
        # "fighting between X and Y": a one-sided act the parties do to each other
        mutual = not frame.reciprocal and not recipients and len(agents) > 1 and "between" in frame.agent
        if mutual:
            agents, recipients = agents[:1], agents[1:]
        if token.lemma_.lower() in SHOWING_VERBS and frame.pos == "VERB" and not frame.objects \
                and any(c.dep_ == "dobj" for c in kids(token)):
            return None  # "demonstrated its resolve", "rallied support": showing or gathering, not protest
        if agents and not recipients and coded == "PROTEST":
            recipients = self._protest_target(token, state, agents)
        if agents and not recipients and coded in CONFLICT_ACTS:
            recipients = [r for r in _aim_targets(token, state) if r.actor.id not in agent_ids] \
                or [r for r in self._retaliators(token, state) if r.actor.id not in agent_ids]
        if recipients and coded == "REQUEST" and _asks_release(token):
            recipients = self._holders(token, recipients, agents)  # "called for Zamora's release": his jailers
        elif agents and coded == "REQUEST" and _asks_release(token):
            recipients = self._jailers(token, state, agents)  # "the BLA demanded the release of prisoners"
        if agents and not recipients and coded == "REQUEST" and token.pos_ == "NOUN":
            # "Washington's call for denuclearisation and Pyongyang's demand for relief": of each other
            recipients = [r for other in _coordinated_nouns(token) if other.lemma_.lower() in REQUEST_NOUNS
                          for p in kids(other) if p.dep_ == "poss" for r in state.mentions_for(p)
                          if r.actor.id not in agent_ids]
        if agents and not recipients and coded in ANSWERS:
            recipients = state.accusers_of(agents, token)  # "Beijing denied the allegations": who made them
        if agents and not recipients and coded == "REQUEST":
            recipients = self._appealed_place(token, state, agents)  # "called for a ceasefire in Sudan"
        if recipients and any(r.actor.code for r in recipients) and not frame.reciprocal:
            state.targets_of[coded] = recipients  # "Gunmen attacked soldiers ... X claimed the attack": on them
        if not agents or (frame.needs_recipient and not recipients):
            return None
        if frame.reciprocal and not recipients and len(agents) == 1 and _needs_partner(frame):
            return None  # "Assad met" with no one named is not a coded meeting
        if frame.objects - {"*"}:
            state.consumed.update(c.i for c in kids(token) if c.dep_ in {"dobj", "nsubjpass"})
        modality = Modality(forced) if forced else self._factuality(token)
        if modality.cause == Cause.AUX and (wisher := _wished_by_another(token, agents, state)) is not None:
            # "she hopes the US and the UK can coordinate": her wish, not their offer
            modality = Modality(F.HYPOTHETICAL, Cause.HYPOTHETICAL_HEAD, wisher.lemma_.lower())
        if any(c.dep_ == "xcomp" and any(g.dep_ == "neg" for g in kids(c)) for c in kids(token)) \
                and coded == "AGREE":
            frame = self._refusal  # "vowed not to return the Golan Heights": a refusal
        category, predicate, factuality = self._as_coded(self.vocab.predicate_category[frame.predicate],
                                                         frame.predicate, modality,
                                                         own=self._own_stance(token, modality, agents, state))
        if category == "ACCUSE" and _lemma_in(token, DISPUTING_VERBS) and _claims_taken(token):
            category, predicate = "REJECT", "rejects"  # "contested China's claims": a rejection
        sentence = token.sent
        event_date = self._date(token, article, factuality, state)
        if factuality == F.ASSERTED and dates.is_historical(event_date, article.date):
            factuality = F.HISTORICAL  # "in 1988", "during the 1990s": told as background
        source, source_text = self._source(token, state)
        confidence = frame.confidence * min(r.confidence for r in agents + recipients)
        if not any(r.actor.code for r in recipients) and not (frame.reciprocal and len(agents) > 1) and not mutual:
            # an act aimed at no one named, or at someone we cannot place: rarely a true relation
            confidence *= self.settings.undirected_factor
        event = Event(
            article_id=article.id, category=category, predicate=predicate,
            actors=[_shown(r, sentence, state) for r in agents],
            recipients=[_shown(r, sentence, state) for r in recipients],
            factuality=factuality, confidence=round(confidence, 3), trigger=token.text,
            sentence=sentence.text, sentence_start=sentence.start_char, sentence_end=sentence.end_char,
            trigger_start=token.idx, trigger_end=token.idx + len(token.text),
            date=event_date or article.date,
            source=source.mention if source else None, source_text=source_text,
            place=self._place(token, state),
            symmetric=(frame.reciprocal and not recipients and len(agents) > 1) or mutual,
            cue=modality.head if factuality == F.ALLEGED else "",
        )
        if category == "ACCUSE" and factuality == F.ASSERTED:
            state.note_accusation(agents, recipients)
        if category == "REJECT" and factuality in {F.ASSERTED, F.HISTORICAL} \
                and (charged := self._answered_owned(event, token, agents, state, ACCUSATION_NOUNS, "ACCUSE")):
            state.note_accusation(*charged)  # "Kabul rejected Pakistan's allegations"
        if category in ANSWERED_REQUESTS and factuality in {F.ASSERTED, F.HISTORICAL}:
            self._answered_owned(event, token, agents, state, REQUEST_NOUNS, "REQUEST")  # "rejected Kenya's request"
        if category in PUNISHMENTS and factuality in {F.ASSERTED, F.HISTORICAL} and recipients \
                and _for_a_deed(token):
            # "cut ties with Kenya for allegedly meddling", "sanctioned banks for helping Iran": a charge
            state.note_accusation(agents, recipients)
            state.derived.append(replace(event, category="ACCUSE", predicate="accuses", symmetric=False))
        if frame.predicate in MEDIATING and len({r.actor.id for r in recipients}) > 1:
            self._mediated(event, token, recipients, state)
        if source is not None and category in ALLEGED_ACTS and factuality in {F.ASSERTED, F.HISTORICAL} \
                and self._is_reported_clause(token):
            self._reported_allegation(event, source, agents, state)
        return event

    def _answered_owned(self, answer: Event, token: Token, answering: list[Resolved], state: _DocState,
                        nouns: frozenset[str], category: str) -> tuple[list[Resolved], list[Resolved]] | None:
        """An answer to an owned charge or request tells that its owner made it of the one
        answering: 'Kabul rejected Pakistan's allegations' (owner ACCUSE answerer, with
        `accusation_nouns`; claims that need not be charges, "rejected China's claims in the sea",
        are left alone), 'the court rejected Kenya's request', 'Washington accepted Seoul's demand'
        (owner REQUEST answerer, with `request_nouns`). Returns (owners, answered) when it told."""
        for owned in (o for o in object_of(token) if o.lemma_.lower() in nouns):
            owners = [r for p in kids(owned) if p.dep_ == "poss" for r in state.mentions_for(p)
                      if r.actor.code and r.kind != K.PRONOUN]
            answered = [a for a in answering if a.actor.id not in {o.actor.id for o in owners}]
            if owners and answered:
                state.derived.append(replace(
                    answer, category=category, predicate=OWNED_PREDICATES[category],
                    actors=[o.mention for o in owners], recipients=[a.mention for a in answered], symmetric=False))
                return owners, answered
        return None

    def _claimed_act(self, verb: Token) -> Token | None:
        """The act a party owns: 'claimed responsibility for the attack' → attack (an event noun);
        'claimed the bombing', 'attacks claimed by Daesh' → the act of violence claimed itself."""
        for owned in object_of(verb):
            if owned.lemma_.lower() in RESPONSIBILITY_NOUNS:
                for act in _prep_objects(owned, "for") + _prep_objects(verb, "for"):
                    if (act.lemma_.lower(), "NOUN") in self.vocab.frames:
                        return act
            elif verb.lemma_.lower() in ACT_CLAIMING_VERBS \
                    and self.noun_categories.get(owned.lemma_.lower(), set()) & CLAIMABLE_CATEGORIES:
                return owned
        return None

    def _claim_of_act(self, verb: Token, act: Token, state: _DocState, article: Article) -> Event | None:
        """'The BLA claimed responsibility for the attack': the claimer did the act. Its target is
        the one the act names ("the attack on the police post"), else the target of the last act
        of its kind the story told, standing in at the noun."""
        state.consumed.add(act.i)
        frames = self.vocab.frames[(act.lemma_.lower(), "NOUN")]
        noun_frame = self._choose(frames, act) or frames[0]
        frame = replace(noun_frame, agent=("subj",), recipient=("none",), objects=frozenset(), needs_recipient=False)
        event = self._build(frame, verb, state, article)
        if event is None or event.recipients:
            return event
        category = self.vocab.predicate_category[noun_frame.predicate]
        doers = {m.actor.id for m in event.actors}
        targets = [r for p in ("on", "against", "of") for o in _prep_objects(act, p) for r in state.mentions_for(o)]
        # "the attack which killed 28 soldiers", "bombings that targeted a market": what the act's clause hit
        targets = targets or [r for c in kids(act) if c.dep_ == "relcl" for o in object_of(c)
                              for r in state.mentions_for(o)]
        targets = targets or state.last_targets(act, category)
        targets = [t for t in _unique(targets) if t.actor.id not in doers]
        if targets and any(t.actor.code for t in targets):
            event.recipients = [t.mention for t in targets]
            event.confidence = round(min(1.0, event.confidence / self.settings.undirected_factor
                                         * min(t.confidence for t in targets)), 3)
        return event

    def _mediated(self, brokering: Event, token: Token, parties: list[Resolved], state: _DocState) -> None:
        """'a truce brokered by Russia and Turkey between the government and the rebels': the
        parties agreed with each other (AGREE, reciprocal); 'mediated talks between X and Y': they
        talked (CONSULT). The brokers' own event, with the parties as recipients, stays as coded."""
        brokered = [token.head] if token.dep_ in {"acl", "amod"} else object_of(token)
        if token.pos_ == "NOUN":
            brokered = [token]
        agreed = any(t.lemma_.lower() in AGREEMENT_NOUNS for t in brokered)
        state.derived.append(replace(
            brokering, category="AGREE" if agreed else "CONSULT",
            predicate="agreesWith" if agreed else "discussesWith",
            actors=[p.mention for p in _unique(parties)], recipients=[], symmetric=True))

    def _is_reported_clause(self, token: Token) -> bool:
        """True when the act is what a reporting verb reports: its clause is the verb's complement
        ("said forces executed ...") or the verb is tacked on to it ("..., the UN said"), or it
        is told 'according to' someone; not an act in a relative or time clause beside a statement
        ("said Sudan must return a helicopter that was captured by ...")."""
        clause = token
        while clause.dep_ in {"conj", "xcomp"} and clause.head.i != clause.i:
            clause = clause.head
        if clause.dep_ == "ccomp" and clause.head.lemma_.lower() in self.vocab.say_verbs:
            return True
        return any(c.dep_ in {"parataxis", "ccomp"} and c.lemma_.lower() in self.vocab.say_verbs
                   or c.lower_ == "according" for c in kids(clause))

    def _reported_allegation(self, act: Event, source: Resolved, doers: list[Resolved],
                             state: _DocState) -> None:
        """'Amnesty said forces executed prisoners', 'the UN said troops attacked a convoy': a rights
        group's or an international body's report of violence or repression is an allegation
        against the doers (ACCUSE, reporter → doers). A state, its media or its officials telling
        of an attack only attribute it (PLOVER: "state television said rebel shelling killed six"
        is the rebels' ASSAULT, attributed), so only NGO and IGO reporters accuse by reporting."""
        accuser = source.actor
        if accuser.code not in NON_STATE_CODES or accuser.type in {T.PLACE, T.REGION}:
            return
        accused = [d for d in doers if d.actor.id != accuser.id and d.actor.code and d.actor.code != accuser.code]
        if not accused:
            return
        confidence = act.confidence * source.confidence
        if not any(m.actor.code for m in act.recipients):
            confidence /= self.settings.undirected_factor  # the charge itself is aimed at someone named
        state.note_accusation([source], accused)
        state.derived.append(replace(
            act, category="ACCUSE", predicate="accuses", actors=[source.mention],
            recipients=[d.mention for d in accused], factuality=F.ASSERTED,
            confidence=round(min(confidence, 1.0), 3), source=None, source_text="",
            symmetric=False))

    # ------------------------------------------------------------ arguments

    def _slots(self, slots, token: Token, state: _DocState, frame: Frame, role: str,
               exclude: frozenset[str] | set[str] = frozenset()) -> list[Resolved]:
        """The mentions the first productive slot names; a slot that only names the actor
        itself ("recall its envoy") leaves the next slot to find the recipient."""
        found: list[Resolved] = []
        for slot in slots:
            for arg in self._slot_tokens(slot, token, frame):
                own = [r for r in state.mentions_for(arg) if r.actor.id not in exclude]
                if state.is_event_noun(arg) and arg.i != token.i:
                    state.tentative.append(arg.i)  # "shattered by a government offensive": one event, not two
                    if not own and (role == "agent" or self._about_acts(frame)):
                        # "... conducted 23 strikes. Five strikes hit ...": the strikers; "the UN
                        # condemned the strikes": whoever carried them out is condemned
                        own = [r for r in state.earlier_doers(arg) if r.actor.id not in exclude]
                if not own and role == "recipient" and self._about_acts(frame) and not _owner_named(arg) \
                        and arg.pos_ == "NOUN" and not state.is_event_noun(arg):
                    # "France expelled two diplomats. Russia denounced the expulsions": the expellers
                    own = state.doers_of_word(arg, token, exclude)
                if not own and role == "recipient" and arg.lemma_.lower() in ACT_NOUNS and self._about_acts(frame) \
                        and not _owner_named(arg) and not any(c.dep_ in {"amod", "compound"} for c in kids(arg)):
                    own = state.last_doers_before(arg, token, exclude)  # "denounced the move": whoever made it
                found += own
            if found:
                break
        return found

    def _about_acts(self, frame: Frame) -> bool:
        """Speech acts can take an act as their object, and then address whoever did it."""
        return self.vocab.predicate_category[frame.predicate] in STANCES_ON_ACTS

    def _slot_tokens(self, slot: str, token: Token, frame: Frame) -> list[Token]:
        if slot == "subj":
            if frame.pos == "ADJ":
                return subject_of(token.head)  # "Japan is concerned about": the copula's subject
            subjects = subject_of(token)
            if not subjects and frame.stative_passive and _is_passive(token):
                return [c for c in kids(token) if c.dep_ == "nsubjpass"]  # "Vietnam is committed to"
            return subjects
        if slot == "xcomp":
            found = []
            for x in (c for c in kids(token) if c.dep_ == "xcomp"):
                found += [g for c in kids(x) if c.dep_ == "dative"
                          for g in ([c] if c.pos_ != "ADP" else [y for y in kids(c) if y.dep_ == "pobj"])]
                for preposition in ("to", "with", "from", "against", "on", "in"):
                    found += _prep_objects(x, preposition)
                for obj in object_of(x):
                    found.append(obj)
                    for preposition in ("to", "with", "against", "on", "in"):
                        found += _prep_objects(obj, preposition)
            return found
        if slot == "object-prep":
            return [g for obj in object_of(token) for preposition in ("against", "on", "with", "to", "from", "by", "in")
                    for g in _prep_objects(obj, preposition)]
        if slot == "condition-subject":
            return _condition_subjects(token)
        if slot == "ccomp-subject":
            # "warned that terrorists will not be spared": a threat's passive clause names its target
            subjects = {"nsubj", "nsubjpass"} if self.vocab.predicate_category.get(frame.predicate) == "THREATEN" \
                else {"nsubj"}
            return [g for c in kids(token) if c.dep_ in {"ccomp", "acl"} for g in kids(c) if g.dep_ in subjects]
        if slot == "dobj":
            return object_of(token)
        if slot.startswith("prep:"):
            # the parser often hangs the phrase on the object: "imposed sanctions on the Taliban"
            found = _prep_objects(token, slot[5:]) + [g for obj in object_of(token)
                                                      for g in _prep_objects(obj, slot[5:])]
            if not found and token.pos_ == "NOUN":
                # "a visit by the Japanese premier to Manila": the phrase hangs on the doer
                found = [g for p in ("by", "of") for o in _prep_objects(token, p) for g in _prep_objects(o, slot[5:])]
            if not found and token.pos_ == "NOUN" and (verb := _verb_holding(token)) is not None:
                found = _prep_objects(verb, slot[5:])  # "conducted strikes ... against ISIL", "came under fire from X"
            if not found and token.pos_ == "NOUN" and token.dep_ in {"dobj", "nsubj"} and slot[5:] == "against":
                # "conducted strikes using drones against ISIL", "airstrikes delivered munitions against ISIL"
                found = _clause_prep_objects(token.head, "against")
            if slot[5:] in {"at", "before"} and token.lemma_.lower() in SPEAKING_VERBS:
                # "spoke at an African Union summit": the body that met; not "at a think-tank event"
                found = [m for f in found for m in (_gathering_of(f) if f.lemma_.lower() in GATHERING_NOUNS
                                                    else [f] if f.pos_ == "PROPN" else [])]
            return found
        if slot == "dative":
            return [g for c in kids(token) if c.dep_ == "dative"
                    for g in ([c] if c.pos_ != "ADP" else [x for x in kids(c) if x.dep_ == "pobj"])]
        if slot == "poss-of-object":
            return [g for o in object_of(token) for g in kids(o) if g.dep_ == "poss"]
        if slot == "receiver":
            head = token.head  # "Iraqi forces received fire from ...", "the convoy came under attack"
            if token.dep_ == "dobj" and head.lemma_.lower() in RECEIVING_VERBS:
                return subject_of(head)
            if token.dep_ == "pobj" and head.lower_ == "under" and head.head.pos_ in {"VERB", "AUX"}:
                return subject_of(head.head)  # "the convoy came under attack", "Iran is under sanctions"
            if token.dep_ == "pobj" and head.lower_ == "under" and head.head.pos_ in {"NOUN", "PROPN"}:
                return [head.head]  # "a bank under U.S. sanctions"
            return []
        if slot == "between":
            # "talks between X and Y", "an agreement among Kenya, Somalia and the UNHCR": the parties
            return _prep_objects(token, "between") or _prep_objects(token, "among")
        if slot == "poss":
            return [c for c in kids(token) if c.dep_ == "poss"]
        if slot == "mod":
            if frame.pos == "HYPHEN":
                return [token.doc[token.i - 2]]
            return [c for c in kids(token) if c.dep_ in {"amod", "compound", "nmod"}]
        if slot == "by":
            return _prep_objects(token, "by") + [g for c in kids(token) if c.dep_ == "agent"
                                                 for g in kids(c) if g.dep_ == "pobj"]
        if slot == "of":
            return _prep_objects(token, "of")
        if slot == "governor":
            while token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.pos_ == "NOUN":
                token = token.head.head  # "launched ten days of war games"
            head = token.head
            if token.dep_ in {"dobj", "nsubjpass"} and head.lemma_.lower() in self.vocab.light_verbs:
                return subject_of(head)
            return []
        if slot == "clause-governor":
            # "went on strike", "stopped work in protest": the subject of the verb the noun's
            # preposition hangs from acts; only for rows whose trigger needs that preposition
            prep = token.head
            if token.dep_ == "pobj" and prep.dep_ == "prep" and prep.head.pos_ in {"VERB", "AUX"}:
                return subject_of(prep.head)
            return []
        if slot == "holder":
            return _holder(token)
        if slot == "clause-subject":
            if token.dep_ != "pobj" or token.head.lower_ not in {"with", "in"}:
                return []
            preposition = token.head
            while preposition.dep_ == "conj" and preposition.head.pos_ == "ADP":
                preposition = preposition.head  # "coordinated with and in support of X"
            verb = preposition.head
            if verb.dep_ in {"acl", "amod"} and verb.tag_ == "VBN" and verb.head.pos_ == "NOUN":
                return _effort_owner(verb.head)  # "strikes coordinated with ... X": who struck
            if verb.pos_ not in {"VERB", "AUX"}:
                return []
            return subject_of(verb) or [c for c in kids(verb) if c.dep_ == "nsubjpass"]  # "was involved in"
        if slot == "head":
            return [token.head] if token.dep_ in {"amod", "compound", "acl"} else []
        if slot == "none":
            return []
        if frame.pos == "HYPHEN" and slot == "":
            return []
        raise ValueError(f"lexicon row {frame.trigger!r}: unknown slot {slot!r} (known: {', '.join(sorted(SLOTS))})")

    # ------------------------------------------------------------ modality, source, date, place

    def _factuality(self, token: Token) -> Modality:
        """Whether the event at `token` happened as told, and what in the parse says so."""
        chain = _governing_chain(token)
        if token.pos_ == "NOUN" and any(c.dep_ == "poss" and c.pos_ != "PRON" for c in kids(token)):
            chain = [token]  # "seeking to join the SDF's fight": a possessed event exists, whatever is sought
        for t in chain[1:]:
            if t.lemma_.lower() in WANTING and any(c.dep_ == "neg" for c in kids(t)):
                # "does not want to meet": not wanting a meeting refuses it (coded in _as_coded)
                return Modality(F.NEGATED, Cause.NEGATION, t.lemma_.lower())
        for t in chain:
            if _neither_nor(t):
                # "neither confirmed nor denied": no denial; what it does not confirm is left open
                return Modality(F.NEGATED, Cause.NEGATION) if t.i == token.i else \
                    Modality(F.ALLEGED, Cause.HEDGE, "neither")
            if any(c.dep_ == "neg" for c in kids(t)) or any(
                    c.lower_ in NEGATING_WORDS and c.dep_ in {"det", "neg", "advmod"} for c in kids(t)):
                return Modality(F.NEGATED, Cause.NEGATION)
        for t in chain[1:]:
            if t.lemma_.lower() in NEGATORS and not _denial_tacked_on(t):
                return Modality(F.NEGATED, Cause.NEGATING_HEAD, t.lemma_.lower())
        if (hedge := _hedge(token, chain)) is not None:
            return Modality(F.ALLEGED, Cause.HEDGE, hedge)
        for t in chain:
            if any(m.dep_ == "mark" and m.lower_ in {"if", "unless", "whether"} for m in kids(t)):
                return Modality(F.HYPOTHETICAL, Cause.IN_CONDITION)  # the event is the condition itself
            marks = {m.lower_ for c in kids(t) if c.dep_ == "advcl" for m in kids(c) if m.dep_ == "mark"}
            if "unless" in marks:
                return Modality(F.HYPOTHETICAL, Cause.UNLESS)  # "will withdraw unless ...": a threat
            if marks & {"if", "whether"}:
                return Modality(F.HYPOTHETICAL, Cause.CONDITION)
            if any(c.dep_ == "aux" and c.lower_ in HYPOTHETICAL_AUX for c in kids(t)):
                if any(c.dep_ == "aux" and c.lower_ == "would" for c in kids(t)) and t.dep_ == "ccomp" \
                        and t.head.lemma_.lower() in self.vocab.say_verbs and t.head.tag_ == "VBD":
                    return Modality(F.FUTURE, Cause.AUX)  # "said it would boycott": the future seen from the past
                return Modality(F.HYPOTHETICAL, Cause.AUX)
        for t in chain[1:]:
            if t.lemma_.lower() in HYPOTHETICAL_HEADS:
                return Modality(F.HYPOTHETICAL, Cause.HYPOTHETICAL_HEAD, t.lemma_.lower())
        for n, t in enumerate(chain):
            if any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in kids(t)):
                if any(c.lemma_.lower() in CONTINUATIONS for c in chain[1:n + 1]):
                    return Modality(F.ASSERTED, Cause.CONTINUES)
                return Modality(F.FUTURE, Cause.AUX)
        if _is_purpose(token, chain):
            return Modality(F.FUTURE, Cause.PURPOSE)  # "strikes to defeat ISIL": the aim of what is done, not yet done
        for t in chain[1:]:
            if t.lemma_.lower() in FUTURE_HEADS and not (t.lemma_.lower() == "go" and t.lower_ != "going"):
                # "is going to strike" is future; "went on strike" is not
                return Modality(F.FUTURE, Cause.FUTURE_HEAD, t.lemma_.lower())
        return Modality(F.ASSERTED)

    def _source(self, token: Token, state: _DocState) -> tuple[Resolved | None, str]:
        """Who reported the event: the subject of a reporting verb above it, or 'according to'."""
        sentence = token.sent
        for t in sentence:
            if t.lower_ == "according":
                objects = [g for c in kids(t) if c.lower_ == "to" for g in kids(c) if g.dep_ == "pobj"]
                for obj in objects:
                    found = state.mentions_for(obj)
                    text = token.doc[t.i:obj.right_edge.i + 1].text
                    return (found[0] if found else None), text
        candidates = [a for a in token.ancestors if a.lemma_.lower() in self.vocab.say_verbs]
        candidates += [c for c in kids(token) if c.dep_ in {"parataxis", "ccomp", "advcl"}
                       and (c.lemma_.lower() in self.vocab.say_verbs
                            or any(g.lemma_.lower() in self.vocab.say_verbs for g in c.subtree))]
        for verb in candidates:
            subjects = subject_of(verb)
            if not subjects and not _raised_through(token, verb):
                subjects = [c for c in kids(verb) if c.dep_ == "nsubjpass"]  # "the Kremlin was quoted"
            for subj in subjects:
                found = state.mentions_for(subj)
                if found:
                    return found[0], found[0].mention.text
            if subjects:
                return None, token.doc[subjects[0].left_edge.i:subjects[0].right_edge.i + 1].text
        return None, ""

    def _date(self, token: Token, article: Article, factuality: F, state: _DocState) -> str | None:
        anchors = {token.i, *(t.i for t in _governing_chain(token))}
        for ent in state.dates_in(token.sent):
            head = ent.root.head
            if ent.root.dep_ in {"compound", "nummod", "amod", "nmod", "poss"} and head.i not in anchors:
                continue  # "honoured the 2015 deal": the date of the deal, not of this event
            near = {head.i, head.head.i}
            if anchors & near or ent.root.head.i in anchors:
                found = dates.resolve(ent.text, article.date, future=factuality == F.FUTURE)
                if found:
                    return found
        return None

    def _place(self, token: Token, state: _DocState) -> Mention | None:
        for obj in _prep_objects(token, "in") + _prep_objects(token, "near"):
            for found in state.mentions_for(obj):
                if found.actor.type == T.PLACE:
                    return found.mention
        return None


class _DocState:
    """Lookups from tokens to resolved mentions for one document."""

    def __init__(self, doc: Doc, resolved: list[Resolved], resolver: ActorResolver, vocab: Vocabulary,
                 settings: EventSettings, noun_categories: dict[str, set[str]] | None = None,
                 joint_nouns: set[str] | frozenset[str] = frozenset(),
                 harming_verbs: frozenset[str] = frozenset()) -> None:
        self.doc = doc
        self.harming_verbs = harming_verbs  # verbs coding an act of conflict on their object
        self.settings = settings
        self.joint_nouns = joint_nouns  # read once from the lexicon by the EventExtractor
        self.resolved = resolved
        self.resolver = resolver
        self.by_head: dict[int, list[Resolved]] = {}
        self.by_token: dict[int, Resolved] = {}
        for r in sorted(resolved, key=lambda r: r.end - r.start):
            heads = self.by_head.setdefault(r.head, [])
            if not any(h.actor.id == r.actor.id for h in heads):
                heads.append(r)  # "Hungarian and Romanian officials": two actors, one head
            for i in range(r.start, r.end):
                self.by_token.setdefault(i, r)
        self._dates: dict[int, list[Span]] | None = None
        self.consumed: set[int] = set()
        self.tentative: list[int] = []  # event nouns taken in by the event being built (kept if it is made)
        self.event_nouns = vocab.event_nouns
        self.qualified_nouns = vocab.qualified_nouns
        self.place_nouns = vocab.place_nouns
        self.accusers: dict[str, list[Resolved]] = {}  # accused party → who last charged it
        self.accusers_of_country: dict[str, list[Resolved]] = {}  # accused's country code → who last charged it
        self.acts: list[tuple[int, list[Resolved]]] = []  # (trigger index, doers) of every act coded so far
        self.doers_of: dict[str, list[Resolved]] = {}  # category → who last carried out such an act
        self.noun_categories = noun_categories or {}
        self.doers: dict[str, list[Resolved]] = {}  # event-noun lemma → who last carried one out
        self.derived: list[Event] = []  # events one coded event implies (a report of an attack accuses)
        self.targets_of: dict[str, list[Resolved]] = {}  # category → whom the last such act was aimed at

    def last_targets(self, noun: Token, category: str) -> list[Resolved]:
        """Whom the last act of `category` was aimed at, standing in at `noun` ("claimed the attack")."""
        return self._standing_in(noun, self.targets_of.get(category, []))

    def take_derived(self) -> list[Event]:
        """The derived events proposed since the last call, in the order they arose."""
        taken, self.derived = self.derived, []
        return taken

    def mentions_for(self, token: Token, depth: int = 0) -> list[Resolved]:
        """The actors a syntactic argument names, spread over its conjuncts."""
        if token.lower_ in RELATIVE_PRONOUNS and token.head.dep_ == "relcl":
            token = token.head.head
        inner = self._through_quantifier(token, depth) or self._partners(token)
        if token.i in self.by_head:
            found = sorted(self.by_head[token.i], key=lambda r: r.start)
        elif inner:
            found = inner  # "dozens of Rwandan and Burundian refugees": both groups
        else:
            own = self._own(token, depth)
            found = [own] if own else []
        if len(found) == 1 and not inner and token.tag_ in {"NNS", "NNPS"}:
            found += [r for r in self._of_conjuncts(token, found[0], depth) if r.actor.id != found[0].actor.id]
        conjuncts = _conjuncts(token) or (_trailing_conjuncts(token) if depth == 0 else [])
        for conj in conjuncts:
            found += self.mentions_for(conj, depth + 1)
        return found

    def _of_conjuncts(self, token: Token, own: Resolved, depth: int) -> list[Resolved]:
        """'the leaders of France, Germany and Britain', 'foreign ministers of Russia and China':
        a plural noun read through its of-phrase stands for every party listed there."""
        for obj in _prep_objects(token, "of"):
            if obj.i <= own.head <= obj.right_edge.i or own.start <= obj.i < own.end:
                return [r for conj in (_conjuncts(obj) or _trailing_conjuncts(obj))
                        for r in self.mentions_for(conj, depth + 1)]
        return []

    def _partners(self, token: Token) -> list[Resolved]:
        """Every party named on a joint act: "a joint U.S.-Iraqi operation", "joint Russian and
        Syrian strikes" are the act of each partner, not of the first one named."""
        if token.i in self.by_head or not any(c.dep_ == "amod" and c.lower_ == "joint" for c in kids(token)):
            return []
        found: list[Resolved] = []
        for child in kids(token):
            if child.dep_ in {"amod", "compound", "nmod"} and child.lower_ != "joint":
                for i in range(child.left_edge.i, child.right_edge.i + 1):
                    r = self.by_token.get(i)
                    if r is not None and all(f.actor.id != r.actor.id for f in found):
                        found.append(r)
        return found if len(found) > 1 else []

    def _own_body(self, noun: Token, owner: Resolved) -> Resolved | None:
        """'its troops', 'their government': the body of that kind of the state the possessive
        pronoun stands for, at the noun."""
        gaz = self.resolver.gaz
        key = gaz.body_of_head.get(noun.lower_) or gaz.body_of_head.get(noun.lemma_.lower())
        state_id = owner.actor.state_key
        if key is None or state_id not in gaz.states:
            return None
        return make_resolved(noun.i, noun.i + 1, noun.doc, gaz.body(state_id, key), owner.confidence, K.PRONOUN)

    def _harms(self, verb: Token) -> bool:
        """Whether the verb codes an act of conflict done to its object (kidnap, kill, detain)."""
        return verb.lemma_.lower() in self.harming_verbs

    def _through_quantifier(self, token: Token, depth: int) -> list[Resolved]:
        if token.i in self.by_head or token.i in self.by_token or token.lower_ not in QUANTIFIERS or depth > 2:
            return []
        return [r for obj in _prep_objects(token, "of") for r in self.mentions_for(obj, depth + 1)]

    def _own(self, token: Token, depth: int) -> Resolved | None:
        if token.i in self.by_head:
            return self.by_head[token.i][0]
        if token.i in self.by_token:
            return self.by_token[token.i]
        if depth > 2:
            return None
        if token.lower_ in QUANTIFIERS:
            for obj in _prep_objects(token, "of"):
                inner = self._own(obj, depth + 1)
                if inner:
                    return inner
        pronoun = None
        for child in sorted(kids(token), key=lambda c: MODIFIER_ORDER.get(c.dep_, 9)):
            if child.dep_ in MODIFIER_ORDER and not (child.dep_ == "poss" and token.lemma_.lower() in RELATIONAL_NOUNS):
                inner = self._own(child, depth + 1)
                if inner and inner.kind == K.PRONOUN and child.dep_ == "poss" and depth == 0:
                    pronoun = inner  # "his pledge to the voters": the voters, not "his", are named
                    continue
                if inner:
                    return inner
        if depth > 1:
            return None
        if depth == 0:
            fallbacks = ["by", "from", "to"] + ([] if self.is_event_noun(token) else ["of"])
            if self.is_event_noun(token):  # "the bombing of its embassy by Israel": "by" hangs on "embassy"
                for obj in (b for o in _prep_objects(token, "of") for b in _prep_objects(o, "by")):
                    inner = self._own(obj, depth + 1)
                    if inner:
                        return inner
            if (token.dep_ == "pobj" and token.head.lower_ == "of") or token.lemma_.lower() in self.joint_nouns \
                    or token.lemma_.lower() in SHARED_PLACE_NOUNS:  # "its border with Belarus"
                # "a suspension of flights with X", "praised his summit with Kim"; not "targeting
                # the training with X"
                fallbacks.append("with")
            if not _is_doer_position(token):
                fallbacks.insert(2, "against")  # "for a war against X": X; but "strikes against X killed ..."
            if self.is_place_noun(token):
                fallbacks += ["in", "for", "near"]  # "villages in X", "a camp for Y refugees"
            shared = []  # phrases the parser hung on the verb: "closed its border | with X", "shelled a market | in X"
            if token.dep_ == "dobj" and token.lemma_.lower() in SHARED_PLACE_NOUNS:
                shared = _prep_objects(token.head, "with")
            elif token.dep_ == "dobj" and self.is_place_noun(token):
                shared = [o for p in ("in", "near") for o in _prep_objects(token.head, p)]
            for obj in [o for preposition in fallbacks for o in _prep_objects(token, preposition)] + shared:
                inner = self._own(obj, depth + 1)  # "an appeal from X", "positions of the Y forces"
                if inner:
                    return inner
            if pronoun is not None and (self._is_deed(token) or token.lemma_.lower() in TERRITORY_NOUNS):
                return pronoun  # "his pledge", "their statement", "its territory": the owner's own
            if pronoun is not None and _is_doer_position(token) and (body := self._own_body(token, pronoun)):
                return body  # "the army said its troops killed …": the pronoun's state's forces act
        if token.lower_ in self.resolver.gaz.body_of_head or token.lemma_.lower() in self.resolver.gaz.body_of_head:
            return None  # "the Kurdish militia, backed by Washington": a body is not its backer
        for participle in (c for c in kids(token) if c.dep_ == "acl" and c.tag_ == "VBN"
                           and (self.is_place_noun(token) or not self._harms(c))):
            # "schoolgirls kidnapped by bandits" are not theirs; "property seized by X" is held by X
            for doer in subject_of(participle):  # "crimes committed by Croat forces"
                inner = self._own(doer, depth + 1)
                if inner:
                    return inner
        return None

    def dates_in(self, sentence: Span) -> list[Span]:
        """The DATE entities of a sentence (the document's are grouped once, on first use)."""
        if self._dates is None:
            self._dates = {}
            for ent in self.doc.ents:
                if ent.label_ == "DATE":
                    self._dates.setdefault(ent.sent.start, []).append(ent)
        return self._dates.get(sentence.start, [])

    def note_accusation(self, accusers: list[Resolved], accused: list[Resolved]) -> None:
        """Remember who charged whom, so that a later denial can be answered to its maker."""
        for target in accused:
            self.accusers[_party(target)] = accusers
            if target.actor.code:
                self.accusers_of_country[target.actor.code] = accusers

    def accusers_of(self, answering: list[Resolved], trigger: Token) -> list[Resolved]:
        """The makers of the last charge against the answering party, when the trigger answers
        a charge that names no owner ("rejected the accusations", "dismissed the claims as
        baseless") or denies a deed ("deny providing sanctuary", "denied that it armed the
        rebels", "denies involvement"); they stand in at the trigger with the anaphor's
        confidence. A denial also answers a charge against others of the party's country
        ("Islamabad blamed militants on Afghan soil … the Afghan Taliban deny sheltering them")."""
        charges = _claims_taken(trigger)
        if any(_owner_named(charge) for charge in charges):
            return []
        denial = not charges and _denies_deed(trigger)
        if not charges and not denial:
            return []
        for party in answering:
            makers = [m for m in self.accusers.get(_party(party), []) if m.actor.id != party.actor.id]
            if not makers and denial and party.actor.code:
                makers = [m for m in self.accusers_of_country.get(party.actor.code, [])
                          if m.actor.code != party.actor.code]
            if makers:
                return self._standing_in(trigger, makers)
        return []

    def doers_of_word(self, noun: Token, trigger: Token, exclude: set[str] | frozenset[str]) -> list[Resolved]:
        """The doers of the last act before `trigger` whose verb the noun names ("the arrests"
        after "police arrested", "the sentences" after "a court sentenced"), by a shared stem of
        at least five letters; standing in at the noun."""
        word = noun.lemma_.lower()
        for start, doers in reversed(self.acts[-RECENT_ACTS:]):  # the story's last few acts: flat cost per word
            if start >= trigger.i:
                continue
            verb = self.doc[start].lemma_.lower()
            if len(verb) >= 5 and (word.startswith(verb[:-1]) if verb.endswith("e") else word.startswith(verb)) \
                    or word == verb:
                return self._standing_in(noun, [r for r in doers if r.actor.id not in exclude])
        return []

    def last_doers_before(self, noun: Token, trigger: Token, exclude: set[str] | frozenset[str]) -> list[Resolved]:
        """The doers of the last act told before `trigger` by someone other than the excluded
        (the stance-taker): what "the move", "the decision" refer to when nothing else names it."""
        for start, doers in reversed(self.acts):
            if start >= trigger.i:
                continue
            return self._standing_in(noun, [r for r in doers if r.actor.id not in exclude])
        return []

    def earlier_doers(self, noun: Token) -> list[Resolved]:
        """The actors of the last event named by the same noun: strikes are the striker's."""
        return self._standing_in(noun, self.doers.get(noun.lemma_.lower()) or self._doers_of_kind(noun))

    def _standing_in(self, token: Token, actors: list[Resolved]) -> list[Resolved]:
        """Mentions at `token` of actors it stands in for ("the strikes", "denied", "the move"),
        with the anaphor's confidence: the word names no one itself. A noun refers to them (the
        strikes are theirs); a verb ("Beijing denies") only implies them, so their mention carries
        no text of its own in the outputs."""
        confidence = self.settings.event_anaphor_confidence
        kind = K.IMPLIED if token.pos_ in {"VERB", "AUX"} else K.EVENT_ANAPHOR
        return [make_resolved(token.i, token.i + 1, token.doc, r.actor, confidence, kind) for r in actors]

    def _doers_of_kind(self, noun: Token) -> list[Resolved]:
        """The actors of the last act of the noun's category when no act bore its name: the
        bombing after 'aircraft bombed the market' is theirs. Only for nouns of one category."""
        # not demands: "the conditions" of a detention, "the terms" of a deal are no one's asking
        categories = self.noun_categories.get(noun.lemma_.lower(), set()) - {"REQUEST"}
        done = [c for c in categories if self.doers_of.get(c)]  # "the strikes": air strikes told, no labour strike
        return self.doers_of[done[0]] if len(done) == 1 else []

    def _is_deed(self, token: Token) -> bool:
        """A noun for something its owner does or says ("pledge", "statement", "move"), which
        stands for the owner; "her supplier", "their son" are other people."""
        lemma = token.lemma_.lower()
        return self.is_event_noun(token) or lemma in CLAIM_NOUNS or lemma in ACT_NOUNS or lemma in DOCUMENT_NOUNS \
            or lemma in EFFORT_NOUNS

    def is_place_noun(self, token: Token) -> bool:
        """A noun for a place or property; by its surface plural too, since the lemmatiser
        reads "bases" as "basis"."""
        word = token.lower_
        return token.lemma_.lower() in self.place_nouns or word in self.place_nouns or (
            word.endswith("s") and (word[:-1] in self.place_nouns or word[:-2] in self.place_nouns))

    def is_event_noun(self, token: Token) -> bool:
        lemma = token.lemma_.lower()
        if lemma in self.qualified_nouns:  # "defensive positions" is an event, "positions of X" a place
            return _carries_modifier(token, self.qualified_nouns)
        return lemma in self.event_nouns


# ---------------------------------------------------------------- parse helpers

def _shown(resolved: Resolved, sentence: Span, state: _DocState) -> Mention:
    """The mention an event shows for a party: a pronoun gives way to the same party's name told
    earlier in the sentence ("Blinken will visit Erbil, where he will meet ...": Blinken), so the
    record quotes the words that name the actor. How sure the event is does not change."""
    if resolved.kind != K.PRONOUN:
        return resolved.mention
    for i in range(resolved.start - 1, sentence.start - 1, -1):
        named = state.by_token.get(i)
        if named is not None and named.actor.id == resolved.actor.id and named.kind not in UNNAMED_KINDS:
            return named.mention
    return resolved.mention


def _carries_modifier(noun: Token, qualified: dict[str, frozenset[str]]) -> bool:
    """Whether a noun that names an event only when qualified ("joint venture", "defensive
    positions") carries one of the modifiers that make it one."""
    wanted = qualified.get(noun.lemma_.lower())
    return bool(wanted) and any(c.dep_ in {"amod", "compound"} and c.lemma_.lower() in wanted for c in kids(noun))


def _appositive_participle(verb: Token) -> bool:
    """A participle set off by commas after a subject, misread as the main verb: in "Hamas,
    designated a terrorist group by the US, rejected the plan" the parser makes "designated" the
    root with Hamas its subject. Told by the commas around it, a by-phrase inside it and the
    real verb joined after it; then the subject is the patient and the by-phrase the doer."""
    if verb.tag_ not in {"VBD", "VBN"} or verb.i < 2 or verb.doc[verb.i - 1].text != ",":
        return False
    subjects = [c for c in kids(verb) if c.dep_ == "nsubj" and c.i < verb.i]
    if not subjects or subjects[0].right_edge.i not in {verb.i - 1, verb.i - 2}:
        return False
    if not any(t.lower_ == "by" for t in verb.subtree):
        return False
    return any(c.dep_ == "conj" and c.pos_ == "VERB" and verb.doc[c.i - 1].text in {",", "and"}
               or c.dep_ == "conj" and c.pos_ == "VERB" and c.left_edge.i > verb.i for c in kids(verb))


def _neither_nor(verb: Token) -> bool:
    """A verb denied with its partner: "neither confirmed nor denied", "did not confirm or deny"
    negate both verbs."""
    for t in (verb, verb.head) if verb.dep_ == "conj" else (verb,):
        if any(c.dep_ == "preconj" and c.lower_ == "neither" for c in kids(t)):
            return True
    if verb.dep_ != "conj":
        return False
    head = verb.head
    joined = {c.lower_ for c in kids(head) if c.dep_ == "cc"}
    return "nor" in joined or ("or" in joined and any(c.dep_ == "neg" for c in kids(head)))


def _hedge(token: Token, chain: list[Token]) -> str | None:
    """The word that hedges the act at `token`, if one does: a hedging adverb on it or its clause
    ("reportedly struck"), or a passive hedging verb governing it ("is thought to have bombed",
    "were believed to be behind")."""
    for t in chain[:2]:
        for c in kids(t):
            if c.dep_ == "advmod" and c.lower_ in HEDGING_ADVERBS:
                return c.lower_
    for t in chain[1:3]:
        if t.lemma_.lower() in HEDGING_VERBS and t.tag_ == "VBN" and _is_passive(t):
            return t.lemma_.lower()
    return None


def _is_passive(verb: Token) -> bool:
    """A passive verb, or a bare past participle that modifies a noun or tells what happened to
    the clause's subject ("the leader is dead, killed in a raid": the leader is the victim)."""
    if any(c.dep_ in {"nsubjpass", "auxpass", "agent"} for c in kids(verb)):
        return True
    if verb.tag_ != "VBN":
        return False
    return verb.dep_ in {"acl", "amod"} or (
        verb.dep_ == "advcl" and not any(c.dep_ in {"aux", "nsubj", "mark"} for c in kids(verb)))


def subject_of(verb: Token) -> list[Token]:
    """The doer of a verb: its subject, its by-phrase in the passive, or inherited. A passive
    with no by-phrase may name its doers in the operation it happened in ("killed in a joint
    U.S.-Iraqi raid"); the subject of a passive is its victim, never its doer."""
    if _appositive_participle(verb):
        return [g for t in verb.subtree if t.lower_ == "by" and t.dep_ in {"prep", "agent"}
                for g in kids(t) if g.dep_ == "pobj"][:1]
    if verb.dep_ == "conj" and _appositive_participle(verb.head):
        return [c for c in kids(verb.head) if c.dep_ == "nsubj"]  # "Hamas, designated ..., rejected"
    if _is_passive(verb):
        agents = [g for c in kids(verb) if c.dep_ == "agent" for g in kids(c) if g.dep_ == "pobj"]
        return agents or [o for o in _prep_objects(verb, "in") if any(
            c.dep_ == "amod" and c.lower_ == "joint" for c in kids(o))]
    subjects = [c for c in kids(verb) if c.dep_ in {"nsubj", "csubj"}]
    if subjects:
        return subjects
    left = verb.doc[verb.i - 1] if verb.i > verb.sent.start else None
    if verb.tag_ in {"VBD", "VBZ", "VBP"} and left is not None and left.pos_ in {"PROPN", "NOUN"} \
            and left.head.i != verb.i:
        return [left]  # "... and Turkey accused X" parsed with Turkey hung on another word
    head = verb.head
    if verb.dep_ == "acl" and verb.tag_ == "VBG":
        if head.dep_ == "dobj" and head.lemma_.lower() in DOCUMENT_NOUNS:
            return [head, *subject_of(head.head)]  # "issued a declaration demanding that ..."
        return [head]  # "the alliance backing Assad"
    if verb.dep_ in {"acl", "relcl"} and head.lemma_.lower() in EFFORT_NOUNS and _is_infinitive(verb):
        return _effort_owner(head)  # "Iraq's efforts to destroy the group", "launched a campaign to retake"
    if verb.dep_ == "pcomp" and head.dep_ == "prep" and head.head.i != head.i:
        return _gerund_doer(head.head)
    if verb.dep_ == "xcomp" and head.i != verb.i:
        if head.lemma_.lower() in OBJECT_CONTROL:
            objects = [c for c in kids(head) if c.dep_ in {"dobj", "dative"}]
            if objects:
                return objects
        raised = [c for c in kids(head) if c.dep_ == "nsubjpass" and c.i < verb.i]
        return raised[-1:] or subject_of(head)  # "Iran was said to have imposed": Iran
    if verb.dep_ in {"conj", "advcl"} and head.i != verb.i and head.pos_ in {"VERB", "AUX"}:
        return subject_of(head)
    if verb.dep_ == "acomp" and head.i != verb.i:
        return subject_of(head)  # "it is willing to withdraw": the subject of 'is'
    return []


def _gerund_doer(governor: Token) -> list[Token]:
    """Who does what a gerund after a preposition names: the object of the verb it hangs on
    ("accused Russia of carrying out strikes", "stopped them from entering"), else its subject;
    for an adjective, the subject of its clause ("remains committed to carrying out attacks")."""
    if governor.pos_ == "ADJ" and governor.dep_ in {"acomp", "amod"}:
        return subject_of(governor.head) if governor.dep_ == "acomp" else [governor.head]
    if governor.pos_ in {"VERB", "AUX"}:
        return [c for c in kids(governor) if c.dep_ == "dobj"] or subject_of(governor)
    return []


def _effort_owner(noun: Token) -> list[Token]:
    """Whose effort, campaign or operation a noun names: its own modifier ("Iraq's efforts"),
    the noun it stands in apposition to, or the subject of the clause it is an argument of
    ("forces leading efforts in the campaign to ...")."""
    for _ in range(4):
        if any(c.dep_ in {"poss", "compound", "amod", "nmod"} for c in kids(noun)) and noun.dep_ != "dobj":
            return [noun]
        if noun.dep_ == "appos":
            return [noun.head]
        if noun.dep_ in {"dobj", "nsubjpass"}:
            if noun.head.lemma_.lower() in TOPIC_VERBS:
                return []  # "the two leaders discussed the campaign to retake Mosul": not theirs by that
            return subject_of(noun.head) or [noun]
        if noun.dep_ == "pobj" and noun.head.head.i != noun.head.i:
            noun = noun.head.head
            if noun.pos_ == "ADV" and noun.dep_ == "advmod":
                noun = noun.head  # "Elsewhere in the campaign to defeat ISIL, the SDF began ..."
            if noun.pos_ in {"VERB", "AUX"}:
                return subject_of(noun)
            continue
        break
    return [noun]


def object_of(verb: Token) -> list[Token]:
    """The patient of a verb: its object, or its subject in the passive."""
    if _appositive_participle(verb):
        return [c for c in kids(verb) if c.dep_ == "nsubj"]
    if _is_passive(verb):
        patients = [c for c in kids(verb) if c.dep_ == "nsubjpass"]
        if patients:
            return patients
        if verb.dep_ in {"acl", "amod"}:
            return [verb.head]
        if verb.dep_ == "advcl" and verb.head.pos_ in {"VERB", "AUX"}:
            return [c for c in kids(verb.head) if c.dep_ in {"nsubj", "nsubjpass"}]  # "X is dead, killed in"
        return []
    objects = [c for c in kids(verb) if c.dep_ == "dobj"]
    return objects or _up_to_object(verb) or _shared_object(verb)


def _verb_holding(noun: Token) -> Token | None:
    """The verb a noun's own phrases may hang on in the parse: the verb of an object ("conducted
    strikes | against ISIL"), or of "under" ("came under fire | from X")."""
    if noun.dep_ == "dobj":
        return noun.head
    if noun.dep_ == "pobj" and noun.head.lower_ == "under" and noun.head.head.pos_ in {"VERB", "AUX"}:
        return noun.head.head
    return None


def _shared_object(verb: Token) -> list[Token]:
    """'trained and armed the rebels', 'condemned and rejected the strikes': a verb joined by
    'and'/'or' straight to a second verb of the same clause shares that verb's object when it has
    none of its own (the parser hangs the object on the last verb only)."""
    doc = verb.doc
    if verb.i + 2 >= len(doc) or doc[verb.i + 1].dep_ != "cc":
        return []
    second = doc[verb.i + 2]
    if second.dep_ != "conj" or second.head.i != verb.i or second.pos_ != "VERB" \
            or any(c.dep_ in {"nsubj", "nsubjpass"} for c in kids(second)):
        return []
    return [c for c in kids(second) if c.dep_ == "dobj"]


def _up_to_object(verb: Token) -> list[Token]:
    """'kidnapped up to 16 advisers': the parser may hang the object on 'up to' as a particle."""
    return [g for up in kids(verb) if up.dep_ == "prt" and up.lower_ == "up"
            for to in kids(up) if to.lower_ == "to" for g in kids(to) if g.dep_ == "pobj"]


def _prep_objects(token: Token, preposition: str) -> list[Token]:
    return [g for c in kids(token) if c.dep_ in {"prep", "agent"} and c.lower_ == preposition
            for g in kids(c) if g.dep_ == "pobj"]


def _is_doer_position(token: Token) -> bool:
    """A subject or by-phrase: what is named there does the act."""
    return token.dep_ in {"nsubj", "nsubjpass", "csubj"} or (token.dep_ == "pobj" and token.head.dep_ == "agent")


def _clause_prep_objects(verb: Token, preposition: str) -> list[Token]:
    """Objects of `preposition` anywhere in the verb's own clause, through the participles and
    objects hung on it but not into other clauses."""
    found, stack = [], list(kids(verb))
    while stack:
        t = stack.pop()
        if t.dep_ in {"ccomp", "relcl", "parataxis", "xcomp", "nsubj", "nsubjpass"} or \
                (t.dep_ == "conj" and t.pos_ in {"VERB", "AUX"}) or \
                any(c.dep_ == "mark" for c in kids(t)):
            continue
        if t.dep_ == "prep" and t.lower_ == preposition:
            found += [g for g in kids(t) if g.dep_ == "pobj"]
            continue
        stack.extend(kids(t))
    return sorted(found, key=lambda g: g.i)


def _holder(noun: Token) -> list[Token]:
    """Who the relational noun describes: 'Russia, Assad's ally' or 'the regime's ally Hezbollah'."""
    if noun.dep_ == "appos":
        return [noun.head]
    if noun.dep_ in {"compound", "nmod"}:
        return [noun.head]
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lower_ in QUANTIFIERS:
        quantifier = noun.head.head
        if quantifier.dep_ == "appos":
            return [quantifier.head]
        if quantifier.dep_ == "attr":
            return [c for c in kids(quantifier.head) if c.dep_ == "nsubj"]
    if noun.dep_ == "attr":
        return [c for c in kids(noun.head) if c.dep_ == "nsubj"]
    return [c for c in kids(noun) if c.dep_ == "appos"]


def _condition_subjects(trigger: Token) -> list[Token]:
    """Who a threat is aimed at when the clause names no one: the subject of its condition
    ("threatened to quit the talks unless Washington withdrew": Washington; "warned that it
    would execute hostages if the state did not free prisoners": the state)."""
    verbs = [trigger, *(c for c in kids(trigger) if c.dep_ in {"xcomp", "ccomp"})]
    found: list[Token] = []
    for verb in verbs:
        for clause in (c for c in kids(verb) if c.dep_ == "advcl"):
            if any(m.dep_ == "mark" and m.lower_ in {"if", "unless"} for m in kids(clause)):
                found += subject_of(clause)
    return found


def _conjuncts(token: Token) -> list[Token]:
    found = [c for c in kids(token) if c.dep_ == "conj"]
    for appos in (c for c in kids(token) if c.dep_ == "appos"):
        found += [c for c in kids(appos) if c.dep_ == "conj"]
    return found


def _raised_through(token: Token, verb: Token) -> bool:
    """True when `token` hangs below `verb` through an infinitive ("Iran was said to have imposed")."""
    current = token
    while current.i != verb.i and current.head.i != current.i:
        if current.dep_ == "xcomp":
            return True
        current = current.head
    return False


def _trailing_conjuncts(token: Token) -> list[Token]:
    """Conjuncts the parser hung elsewhere: 'by Russia, Assad's ally, and Turkey'."""
    sentence_end = token.sent.end
    found: list[Token] = []
    i = token.i + 1
    if i >= sentence_end or token.doc[i].text != ",":
        return found
    for j in range(i + 1, min(sentence_end, token.i + 14)):
        t = token.doc[j]
        if t.pos_ in {"VERB", "AUX"} or t.text in {".", ";", ":"}:
            break
        if t.dep_ == "conj" and t.pos_ == "PROPN" and token.doc[j - 1].lower_ in {"and", "or"}:
            found.append(t)
    return found


def _lemma_in(token: Token, lemmas: frozenset[str]) -> bool:
    """The token's lemma is one of `lemmas`, allowing for the small model's lemmatiser slips on
    regular forms ("hopes" → "hop"): its own form less a regular ending counts too."""
    if token.lemma_.lower() in lemmas or token.lower_ in lemmas:
        return True
    form = token.lower_
    return any(form.endswith(end) and form[: -len(end)] + add in lemmas
               for end, add in (("s", ""), ("es", ""), ("ed", ""), ("ed", "e"), ("d", ""), ("ing", ""), ("ing", "e")))


def _wished_by_another(token: Token, agents: list[Resolved], state: _DocState) -> Token | None:
    """The verb of hoping, wanting or asking whose clause the event is in, when its subject is
    not the event's actor ("she hopes X can ..."; not "Chile hopes it can ..."): the modal then
    voices that speaker's wish, not the actor's offer."""
    own = {a.actor.id for a in agents}
    for head in _governing_chain(token)[1:]:
        if head.pos_ in {"VERB", "AUX"} and _lemma_in(head, HYPOTHETICAL_HEADS):
            subjects = subject_of(head)
            wishers = {r.actor.id for s in subjects for r in state.mentions_for(s)}
            if subjects and not wishers & own:
                return head
            return None
    return None


def _governing_chain(token: Token) -> list[Token]:
    """The trigger and the verbs that govern it through complements (for modality)."""
    chain = [token]
    current = token
    while (current.dep_ in {"xcomp", "ccomp", "dobj", "pobj", "prep", "pcomp"} or _misparsed_complement(current)
           or (current.dep_ == "acl" and current.pos_ in {"VERB", "AUX"} and current.tag_ not in {"VBN", "VBG"})) \
            and current.head.i != current.i and len(chain) < 5:
        current = current.head
        if current.pos_ in {"VERB", "AUX", "NOUN", "ADJ"} or current.dep_ == "prep":
            chain.append(current)
        if current.pos_ in {"VERB", "AUX"} and current.dep_ not in {"xcomp", "pcomp"}:
            break
    return chain


def _is_purpose(token: Token, chain: list[Token]) -> bool:
    """'to defeat ISIL' as the aim of an act or an effort: an infinitive hung as an adverbial
    clause ("conducted strikes to defeat ISIL") or on a noun ("the campaign to defeat ISIL").
    An enabling verb names what the act achieves ("opened the border to allow aid in"), not an aim."""
    if token.lemma_.lower() in ENABLING:
        return False
    for t in chain:
        if not _is_infinitive(t):
            continue
        if (t.dep_ == "advcl" and not _misparsed_complement(t)) or \
                (t.dep_ in {"acl", "relcl"} and t.head.lemma_.lower() in EFFORT_NOUNS):
            return True
    return False


def _misparsed_complement(verb: Token) -> bool:
    """'have sworn to fight' parsed as a purpose clause: the verb above governs it all the same."""
    return verb.dep_ == "advcl" and verb.head.lemma_.lower() in COMPLEMENT_HEADS and _is_infinitive(verb)


def _is_infinitive(verb: Token) -> bool:
    """'to defeat', 'to fight': a verb with its infinitive marker."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in kids(verb))


def _is_hyphen_participle(token: Token) -> bool:
    if token.i < 2 or token.tag_ not in {"VBN", "VBD", "JJ"}:
        return False  # (asked of every token: the cheap tests first)
    doc = token.doc
    before = doc[token.i - 2]
    return doc[token.i - 1].text == "-" \
        and (before.is_alpha or before.text.replace(".", "").isalpha())  # "Iranian-backed", "U.S.-led"


def choose_events(doc: Doc, proposals: list[Event]) -> list[Event]:
    """The one step that decides which proposed events are kept (no rule deletes another's
    event). In this order, each step seeing only what the one before kept:

    1. repeats: of proposals with the same sentence, category, actors, recipients and
       factuality, the most confident (the first proposed when equally sure: a sentence's verbs
       are tried before its nouns);
    2. partial repeats: a proposal without recipients gives way to one of the same sentence,
       category and actors that has them;
    3. spelled-out acts: a future or hypothetical act gives way to the event governing it
       that shares an actor ("Putin offered to negotiate": the offer, not the negotiation).
    """
    return _without_embedded(doc, _without_partial_duplicates(_without_repeats(proposals)))


def _without_repeats(events: list[Event]) -> list[Event]:
    """One of each group of events alike in sentence, category, parties and factuality: the most
    confident, at the place of the first ("trained and armed the rebels": two triggers of one AID,
    as sure as the surer of them), the first when they are equally sure."""
    at: dict[tuple, int] = {}
    kept: list[Event] = []
    for event in events:
        key = (event.sentence_start, event.category, tuple(sorted(m.actor.id for m in event.actors)),
               tuple(sorted(m.actor.id for m in event.recipients)), event.factuality)
        if key not in at:
            at[key] = len(kept)
            kept.append(event)
        elif event.confidence > kept[at[key]].confidence:
            kept[at[key]] = event
    return kept


def _without_partial_duplicates(events: list[Event]) -> list[Event]:
    """Drop an event that repeats another of the same sentence and actors without its recipients
    ("threatened to break relations with Russia": one THREATEN, with Russia)."""
    def core(e: Event) -> tuple:
        return (e.sentence_start, e.category, tuple(sorted(m.actor.id for m in e.actors)))

    with_recipients = {core(e) for e in events if e.recipients}
    return [e for e in events if e.recipients or core(e) not in with_recipients]


def _without_embedded(doc: Doc, events: list[Event]) -> list[Event]:
    """Drop a future or hypothetical act that only spells out another event of the same actor:
    in "Putin offered to negotiate" the offer (AGREE) is the event, not the negotiation."""
    by_trigger = {e.trigger_start: e for e in events}
    kept = []
    for event in events:
        if event.factuality in {F.FUTURE, F.HYPOTHETICAL}:
            token = doc.char_span(event.trigger_start, event.trigger_end)
            head = token.root if token is not None else None
            while head is not None and head.dep_ in {"xcomp", "advcl"} and head.head.i != head.i:
                head = head.head
                governing = by_trigger.get(head.idx)
                if governing is not None and governing is not event and \
                        {m.actor.id for m in governing.actors} & {m.actor.id for m in event.actors}:
                    break
            else:
                head = None
            if head is not None:
                continue
        kept.append(event)
    return kept


def _needs_partner(frame: Frame) -> bool:
    """Meetings and talks take two parties; an agreement or a ceasefire may be one side's act."""
    return frame.predicate in {"meets", "discussesWith", "holdsTalksWith", "negotiatesWith", "cooperatesWith",
                               "fightsAgainst"}


def _denial_tacked_on(negator: Token) -> bool:
    """'Moscow accused Kyiv of shelling the plant, a charge Ukraine denied': the parser hangs the
    accusation under 'denied'; a denial whose subject is the charge itself is tacked on after the
    clause, and leaves the accusation as told."""
    return any(c.dep_ == "nsubj" and c.lemma_.lower() in CLAIM_NOUNS for c in kids(negator)) and \
        any(c.dep_ == "ccomp" and c.i < negator.i for c in kids(negator))


def _condemns(clause: Token) -> bool:
    """A clause whose predicate is a condemnation: 'the charges are baseless', 'the law is a
    violation of ...', 'the trial was politically motivated' (not a word deeper inside it)."""
    if clause.lemma_.lower() in CONDEMNATIONS and clause.pos_ in {"ADJ", "VERB"}:
        return True
    return any(c.dep_ in {"acomp", "attr", "oprd"} and c.lemma_.lower() in CONDEMNATIONS for c in kids(clause))


def _asks_release(trigger: Token) -> bool:
    """'called for his release', 'demanded the release of the journalists', 'urged Iran to free
    them': what is asked is that people be freed."""
    nouns = object_of(trigger) + _prep_objects(trigger, "for") if trigger.pos_ in {"VERB", "AUX"} else [trigger]
    if any(n.lemma_.lower() in RELEASE_WORDS for n in nouns):
        return True
    return any(c.dep_ in {"xcomp", "ccomp"} and c.lemma_.lower() in RELEASE_WORDS for c in kids(trigger))


def _quotes_a_question(verb: Token) -> bool:
    """'"Who pays?" she asked': the asked clause comes first and nobody is asked anything."""
    return not any(c.dep_ in {"dobj", "dative"} for c in kids(verb)) and \
        any(c.dep_ == "ccomp" and c.i < verb.i for c in kids(verb))


def _directs(verb: Token) -> bool:
    """'told X to leave': an object and an infinitive that says what the object is to do."""
    infinitives = [c for c in kids(verb) if c.dep_ in {"xcomp", "ccomp"} and _is_infinitive(c)]
    # the one told is the object, or the parser's subject of the infinitive ("wants Russia to stop")
    objects = [c for c in kids(verb) if c.dep_ == "dobj"] + \
        [g for x in infinitives if x.dep_ == "ccomp" for g in kids(x) if g.dep_ == "nsubj"]
    return bool(objects and infinitives and all(o.i < x.i for o in objects for x in infinitives))


def _named_as(verb: Token) -> Token | None:
    """What a naming verb names its object as: "called X [baseless]", "described X as [illegal]"."""
    has_object = any(c.dep_ in {"dobj", "dative"} for c in kids(verb))
    for child in kids(verb):
        if child.dep_ == "oprd":
            return child
        if not has_object:
            continue
        if child.dep_ == "prep" and child.lower_ == "as":
            return child
        if child.dep_ in {"advcl", "xcomp", "ccomp"} \
                and any(g.lower_ == "as" and g.i < child.i for g in kids(child)):
            return child  # "described the ruling as politically motivated"
        if child.dep_ == "dobj":
            for appos in (g for g in kids(child) if g.dep_ == "appos"):
                if verb.doc[appos.left_edge.i - 1].text != ",":
                    return appos  # "called Assad a terrorist", parsed as an apposition; not ", the leader"
            for second in (g for g in kids(child) if g.dep_ in {"dobj", "attr", "npadvmod"} and g.i > child.i):
                if any(d.dep_ == "det" and d.lower_ in {"a", "an"} for d in kids(second)):
                    return second  # "called the killing a major blow": the second noun hung on the first
    return None


def _aim_targets(trigger: Token, state: _DocState) -> list[Resolved]:
    """Whom an operation is aimed at when only its aim names them: "launched an operation to
    flush out the militants", "an offensive to retake Mosul from the rebels" (the holder before
    the place)."""
    aims = [c for c in kids(trigger) if c.dep_ in {"acl", "advcl", "xcomp"} and _is_infinitive(c)]
    if trigger.dep_ == "dobj":
        aims += [c for c in kids(trigger.head) if c.dep_ in {"advcl", "xcomp"} and _is_infinitive(c)]
    for obj in object_of(trigger) if trigger.pos_ in {"VERB", "AUX"} else []:
        aims += [c for c in kids(obj) if c.dep_ == "acl" and _is_infinitive(c)]
    for aim in aims:
        holders = [r for obj in _prep_objects(aim, "from") for r in state.mentions_for(obj)
                   if r.actor.type != T.PLACE]
        targets = [r for obj in object_of(aim) for r in state.mentions_for(obj)]
        found = holders or [r for r in targets if r.actor.type != T.PLACE] or targets
        if found:
            return found
    return []


def _claims_taken(verb: Token) -> list[Token]:
    """The verb's objects that are claims ("denied the allegations", "called the assertions
    baseless", "contested the claims"): what an answer, a naming or a dispute is about."""
    return [o for o in object_of(verb) if o.lemma_.lower() in CLAIM_NOUNS]


def _for_a_deed(verb: Token) -> bool:
    """'expelled the diplomats for spying', 'cut ties with Kenya for allegedly meddling': the act
    is a punishment whose reason is a deed of its target (a gerund after "for")."""
    reasons = [g for p in verb.subtree if p.dep_ == "prep" and p.lower_ == "for" and p.head.i in
               {verb.i, *(c.i for c in kids(verb) if c.dep_ in {"dobj", "prep"})}
               for g in kids(p) if g.dep_ in {"pcomp", "pobj"} and (g.tag_ == "VBG" or g.lower_.endswith("ing"))]
    return bool(reasons)


def _coordinated_nouns(noun: Token) -> list[Token]:
    """The nouns coordinated with `noun`: its conjuncts, or the other subjects the parser hung on
    the same verb ("X's call and Y's demand did not mesh": two subjects, no conjunction)."""
    others = list(noun.conjuncts)
    if not others and noun.dep_ in {"nsubj", "nsubjpass"}:
        others = [c for c in kids(noun.head) if c.dep_ == noun.dep_ and c.i != noun.i]
    return others


def _gathering_of(noun: Token) -> list[Token]:
    """Who holds a meeting named by its modifier: "a United Nations Security Council meeting",
    "the African Union's summit"."""
    return [c for c in kids(noun) if c.dep_ in {"compound", "poss", "nmod"} and c.pos_ == "PROPN"]


def _denies_deed(verb: Token) -> bool:
    """'deny providing sanctuary', 'denied that it had armed them', 'denies any involvement':
    the verb deny with a deed as its complement (a clause, or an object that is no actor), the
    answer to a charge. "denied entry to the convoy" has a recipient and is a refusal."""
    if verb.lemma_.lower() != "deny" or verb.pos_ != "VERB":
        return False
    named = {"GPE", "NORP", "ORG", "PERSON"}
    return any(c.dep_ in {"xcomp", "ccomp"} or (c.dep_ == "dobj" and c.ent_type_ not in named) for c in kids(verb))


def _owner_named(noun: Token) -> bool:
    """'Kabul's claims', 'allegations by activists': the text says whose they are."""
    return any(c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ in {"by", "from", "of"}) for c in kids(noun))


def _party(r: Resolved) -> str:
    """The party an actor answers for: its state (a government, its ministry and its capital
    answer as one), else itself."""
    return r.actor.state_key or r.actor.id


def _unique(items: list[Resolved]) -> list[Resolved]:
    """One mention per actor, in order of first mention: the name where the clause has one
    ("the United States, our interests": the United States, not 'our')."""
    best: dict[str, Resolved] = {}
    for r in items:
        kept = best.get(r.actor.id)
        if kept is None or (kept.kind in {K.PRONOUN, K.SURNAME, K.DEFINITE} and r.kind not in {K.PRONOUN, K.DEFINITE}
                            and r.start < kept.start):
            best[r.actor.id] = r
    return list(best.values())
