"""The ``unfilter`` stage: drop conversations whose assistant refuses, repair answers that carry boilerplate or
moralizing, keep the rest unchanged; identify (and optionally filter) languages.

Per batch, columnar: language id on a bounded prefix of each conversation (when on) -> ``score.score_texts`` over
every checked turn (lexicon + regex in one vectorised pass, the refusal-act classifier on candidate sentences,
the whole-reply model on replies to a request) -> ``policy.turn_verdict`` per turn -> ``repair.repair_text`` for
repairable turns, re-scored as one column -> the policy's action per conversation. Only turns with a rule hit or a score at the threshold go through the
verdict loop (the rest are clean), only conversations with a hit or a near miss get per-conversation work, and
language id reads each distinct prefix of a batch once. The defaults ARE the 2.9 recipe's behaviour, so
``dolphin-data unfilter IN --out OUT --rejects REJ`` is the filter the build runs.

Reasons: ``refusal:lexicon:<id>``, ``refusal:regex:<rule>``, ``refusal:classifier``, ``refusal:reply`` (the
whole-reply model, ``reply.py``), ``refusal:repair:<why>``
(``empty``, ``still_refuses``, ``still_boilerplate``, ``no_answer``), ``lang:<code>``. Rejects carry ``span``
(turn, role, rule, offsets, text), ``rules`` (every rule that fired), ``verdict`` and ``score`` (classifier).
Repairs: ``StageOutput.repairs``, one ``{"id", "stage", "turn", "rule", "removed", "before_chars",
"after_chars", "source"}`` per removed piece; counter ``repaired`` (conversations). What the report needs of kept
records (language, action, near misses) goes to ``StageOutput.notes["meta"]`` by record index.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, ClassVar

import numpy as np

from dolphin_data.batch import GPT, ROLE_CODE, Batch
from dolphin_data.model import Conversation
from dolphin_data.stages import STAGES, BatchStage, ParamError, StageOutput
from dolphin_data.unfilter.asked import ASKS_ABOUT_ME, asked_back, declines_span, user_turns
from dolphin_data.unfilter.lang import language_filter
from dolphin_data.unfilter.params import (
    ROLE_NAMES,
    check_file,
    check_languages,
    check_layers,
    check_policy,
    check_probability,
    check_roles,
    model_choice,
)
from dolphin_data.unfilter.policy import (
    answers_after,
    classifier_hit,
    counted_score,
    deciding_hit,
    exchange_units,
    explained_declines,
    reply_hit,
    turn_verdict,
    valid_exchange,
)
from dolphin_data.unfilter.prompt import exempt, outside_answered
from dolphin_data.unfilter.repair import repair_text
from dolphin_data.unfilter.reply import REPLY_THRESHOLD, ReplyClassifier
from dolphin_data.unfilter.rules import LAYERS, Hit, RuleSet
from dolphin_data.unfilter.score import score_texts
from dolphin_data.unfilter.turn_search import asks

LANG_PREFIX = 200  # characters of a conversation's prose that language id reads (fastText settles well before)
NEAR_MISS_MIN = 0.2  # kept replies scoring at least this are shown as near misses in the report


@STAGES.register("unfilter")
class UnfilterStage(BatchStage):
    """Drop refusals, repair boilerplate/moralizing (rules + act classifier), identify and filter languages.

    Args:
        policy: `repair` (drop refusals, strip boilerplate/moralizing from answers that answer), `drop_any` (the seed lineage: drop on any match), `drop_turn` (the offending exchange), `truncate` (cut before it)
        roles: which turns are checked
        layers: rule layers to run
        lexicon: another lexicon file (default: the packaged one)
        disable: rule names to switch off, e.g. `regex:legal_caveat`
        classifier: `default` (the packaged refusal-act model), a model path, or null (off)
        classifier_threshold: P(refusal act) of a candidate sentence at or above which the reply is a refusal
        reply_model: `default` (the packaged whole-reply model, read on replies to a user who asked to do or get something: replies that only redirect, lecture or decline without a decline sentence), a model path, or null (off)
        reply_threshold: P(refusal) of a whole reply at or above which it is a refusal
        langid: fastText lid.176 language of every conversation (counted for the report)
        languages: keep only these language codes (others: `lang:<code>`)
        lang_min_prob: minimum language-id probability for the language filter to act
        report_samples: rejects and repairs per source the report keeps (the rest is in the rejects/repairs files)
        kept_samples: random kept conversations shown for spot checks
        seed: seed of the kept-sample draw (default: the recipe's seed)
    """

    name = "unfilter"
    kind = "batch"
    build_side = ("repairs",)  # a build writes repairs/unfilter.jsonl
    context_params: ClassVar[dict[str, str]] = {"seed": "seed"}

    def __init__(
        self,
        policy: str = "repair",
        roles: Sequence[str] = ("gpt",),
        layers: Sequence[str] = LAYERS,
        lexicon: str | None = None,
        disable: Sequence[str] = (),
        classifier: str | bool | None = "default",
        classifier_threshold: float = 0.5,
        reply_model: str | bool | None = "default",
        reply_threshold: float = REPLY_THRESHOLD,
        langid: bool = True,
        languages: Sequence[str] | None = None,
        lang_min_prob: float = 0.0,
        report_samples: int = 20_000,
        kept_samples: int = 10,
        seed: int | None = None,
    ):
        policy = check_policy(policy)
        roles = check_roles(roles)
        layers = check_layers(layers)
        lexicon = check_file("lexicon", lexicon)
        classifier = model_choice(classifier)
        classifier_threshold = check_probability("classifier_threshold", classifier_threshold)
        reply_model = model_choice(reply_model)
        reply_threshold = check_probability("reply_threshold", reply_threshold)
        languages = check_languages(languages)
        lang_min_prob = check_probability("lang_min_prob", lang_min_prob, zero=True)
        self.policy = policy
        self.roles = roles
        self.layers = layers
        self.lexicon = lexicon
        self.disable = list(disable)
        self.classifier = classifier
        self.classifier_threshold = float(classifier_threshold)
        self.reply_model = reply_model
        self.reply_threshold = float(reply_threshold)
        self.langid = bool(langid) or languages is not None
        self.languages = languages
        self.lang_min_prob = float(lang_min_prob)
        self.report_samples = int(report_samples)
        self.kept_samples = int(kept_samples)
        self.seed = 42 if seed is None else int(seed)
        try:
            self.rules = RuleSet.from_files(lexicon, disabled=self.disable)
        except (OSError, ValueError) as e:
            raise ParamError(f"stage 'unfilter': {e}") from None
        self._check_roles = {ROLE_NAMES[r] for r in roles}
        self._check_codes = np.asarray(sorted(ROLE_CODE[r] for r in self._check_roles), np.int8)
        self._clf: Any = None
        self._lid: Any = None
        if classifier is not None:
            from dolphin_data.unfilter.classifier import RefusalClassifier

            self._clf = RefusalClassifier.load(None if classifier == "default" else classifier)
        self._reply = ReplyClassifier.load(None if reply_model == "default" else reply_model) if reply_model else None
        if self.langid:
            from dolphin_data.langid import LanguageIdentifier

            self._lid = LanguageIdentifier(max_chars=LANG_PREFIX)

    def describe(self) -> dict[str, Any]:
        return {"params": self.params(), "rules": self.rules.describe()}

    # -- per batch ------------------------------------------------------------------------------------------------

    def process(self, batch: Batch) -> StageOutput:
        out = StageOutput()
        meta: dict[int, dict[str, Any]] = {}
        out.notes["meta"] = meta
        alive = language_filter(self._lid, batch, self.languages, self.lang_min_prob, out, meta, 4 * LANG_PREFIX)
        owner = batch.owner()
        turn_index = batch.turn_index()
        checked = np.flatnonzero(np.isin(batch.roles, self._check_codes) & np.isin(owner, alive)).tolist()
        texts = [batch.texts[t] for t in checked]
        out.counters["turns_checked"] += len(texts)
        is_gpt = (batch.roles[checked] == GPT).tolist() if checked else []
        sc = score_texts(texts, self.rules, self._clf, self.layers, is_gpt)
        exempted = exempt(batch, checked, sc.hits)  # a referral that answers the user's question is an answer
        for gone in exempted.values():
            out.counters.update(f"prompt_exempt:{h.rule}" for h in gone)
        whole = np.zeros(len(texts), np.float32)  # the whole-reply model's P(refusal), assistant turns only
        if self._reply is not None and texts:
            gpt = np.flatnonzero(is_gpt).tolist()
            whole[gpt] = self._reply.predict([texts[k] for k in gpt], user_turns(batch, [checked[k] for k in gpt]))
            read = np.flatnonzero(whole > 0).tolist()  # a question back the user answered is no refusal
            whole[[k for k, back in zip(read, asked_back(batch, [checked[k] for k in read]), strict=True) if back]] = 0

        def asked_content(k: int) -> tuple[int, int] | None:
            """Where the classifier's cues are content the user asked for (``asked.declines_span``; all of a reply
            to a user who asked what the assistant is), else None."""
            if not is_gpt[k]:
                return None
            prompt = user_turns(batch, [checked[k]])[0]
            if asks(ASKS_ABOUT_ME, prompt):
                return 0, len(texts[k])
            return declines_span(texts[k], prompt)

        hits, verdicts = self._verdicts(texts, is_gpt, sc, whole, out, exempted, asked_content)
        repaired, failed = self._repairs(
            texts, hits, verdicts, lambda ks, hs: exempt(batch, [checked[k] for k in ks], hs)
        )
        # only conversations with a hit (decided) or a near miss (noted) need a look; the rest are kept unchanged
        k_owner = owner[checked] if checked else np.zeros(0, np.int64)
        k_turn = turn_index[checked] if checked else np.zeros(0, np.int64)
        look = np.fromiter((bool(h or ig) for h, ig in zip(hits, sc.ignored, strict=True)), bool, len(texts))
        look |= sc.prob >= NEAR_MISS_MIN
        per_conv: dict[int, dict[int, int]] = {}
        if look.any():
            wanted = np.isin(k_owner, k_owner[look])
            for k, ci, ti in zip(
                np.flatnonzero(wanted).tolist(), k_owner[wanted].tolist(), k_turn[wanted].tolist(), strict=True
            ):
                per_conv.setdefault(ci, {})[ti] = k
        for ci, turns in sorted(per_conv.items()):
            if not any(hits[k] for k in turns.values()):
                if near := sc.near_miss(turns, NEAR_MISS_MIN):  # kept: a high score or a match ignored in code
                    meta.setdefault(ci, {})["unfilter_near"] = near
                continue
            for k in turns.values():
                for h in hits[k]:
                    out.counters[f"hits:{h.rule}"] += 1
            for r in sorted({h.rule for k in turns.values() for h in hits[k]}):
                out.counters[f"conversations:{r}"] += 1
            self._decide(ci, batch[ci], turns, hits, verdicts, sc, repaired, failed, out, meta)
        return out

    def _verdicts(
        self,
        texts: list[str],
        is_gpt: list[bool],
        sc: Any,
        whole: np.ndarray,
        out: StageOutput,
        exempted: dict[int, list[Hit]],
        asked_content: Callable[[int], tuple[int, int] | None],
    ) -> tuple[list[list[Hit]], list[str]]:
        """Each checked turn's hits (the classifier's and the whole-reply model's counted as one each) and verdict;
        the classifier-score histogram. A turn without rule hits whose scores are under the thresholds is ``clean``
        without a closer look. The classifier does not count on a sentence whose shape the user's turn exempted
        (``prompt.outside_answered``), nor where its cues are content the user asked for (``asked_content``)."""
        thr = self.classifier_threshold
        hits: list[list[Hit]] = [[] for _ in texts]
        verdicts = ["clean"] * len(texts)
        final = sc.prob.astype(np.float64)  # the score once it counts (0 when the classifier's sentence does not)
        todo = np.fromiter(map(bool, sc.hits), bool, len(texts)) | (sc.prob >= thr) if texts else np.zeros(0, bool)
        todo |= whole >= self.reply_threshold
        for k in np.flatnonzero(todo).tolist():
            text = texts[k]
            hs = explained_declines(text, sc.hits[k])
            cands = outside_answered(sc.cands[k], exempted.get(k, []))
            if cands and cands[0][0] >= thr and (content := asked_content(k)) is not None:
                kept = [c for c in cands if not content[0] <= c[1][0] < content[1]]
                out.counters["prompt_exempt:classifier"] += len(kept) < len(cands)
                cands = kept
            p, span = counted_score(text, hs, cands, thr)
            if p >= thr:
                hs.append(classifier_hit(text, p, span))
            if whole[k] >= self.reply_threshold and not hs:  # the rules' judgement, when they have one, stands
                hs.append(reply_hit(text))
            v = turn_verdict(hs, p, thr)
            if v == "repair" and not is_gpt[k]:
                v = "refusal"  # only assistant turns are repaired
            hits[k] = hs
            verdicts[k] = v
            final[k] = p
        scored = np.flatnonzero(final > 0)
        if len(scored):  # counted in the order the buckets first occur, as a per-turn loop would
            buckets = np.minimum((final[scored] * 10).astype(np.int64), 9)
            values, first, counts = np.unique(buckets, return_index=True, return_counts=True)
            for j in np.argsort(first, kind="stable").tolist():
                out.counters[f"classifier_score:{int(values[j]) / 10:.1f}"] += int(counts[j])
        return hits, verdicts

    def _repairs(
        self,
        texts: list[str],
        hits: list[list[Hit]],
        verdicts: list[str],
        recheck: Callable[[list[int], list[list[Hit]]], Any] | None = None,
    ) -> tuple[dict[int, Any], dict[int, str]]:
        """Repair every repairable turn, then re-check the repaired texts as one column; ``recheck(ks, hits)`` removes
        in place the hits the user's turn answers (``prompt.exempt``, as in the first pass: a repair that leaves a
        judgement in the opening is judged against the same question)."""
        if self.policy == "drop_any":
            return {}, {}
        todo = [k for k, v in enumerate(verdicts) if v == "repair"]
        done = {k: repair_text(texts[k], hits[k]) for k in todo}
        again = score_texts([done[k].text for k in todo], self.rules, self._clf, self.layers)
        if recheck is not None:
            recheck(todo, again.hits)
        failed: dict[int, str] = {}
        for j, k in enumerate(todo):
            new = done[k].text
            hs = again.hits[j]
            if not new.strip():
                failed[k] = "empty"
            elif counted_score(new, hs, again.cands[j], self.classifier_threshold)[
                0
            ] >= self.classifier_threshold or any(h.kind in ("refusal", "artefact") for h in hs):
                failed[k] = "still_refuses"
            elif hs:
                failed[k] = "still_boilerplate"
            elif not answers_after(new, hs, 0):
                failed[k] = "no_answer"
        return done, failed

    def _decide(
        self,
        ci: int,
        conv: Conversation,
        turns: dict[int, int],
        hits: list[list[Hit]],
        verdicts: list[str],
        sc: Any,
        repaired: dict[int, Any],
        failed: dict[int, str],
        out: StageOutput,
        meta_of: dict[int, dict[str, Any]],
    ) -> None:
        order = sorted(turns.items())
        all_rules = sorted({h.rule for _, k in order for h in hits[k]})
        refusing = [ti for ti, k in order if verdicts[k] == "refusal"]
        broken = [ti for ti, k in order if k in failed]
        if self.policy == "drop_any":
            ti, k = next((ti, k) for ti, k in order if hits[k])
            self._drop(out, ci, *self._reject(conv, ti, k, hits, sc, all_rules, verdicts[k], None))
            return
        if self.policy == "repair" and (refusing or broken):
            ti = (refusing or broken)[0]
            k = turns[ti]
            self._drop(out, ci, *self._reject(conv, ti, k, hits, sc, all_rules, verdicts[k], failed.get(k)))
            return
        new_turns = list(conv.turns)
        records: list[dict[str, Any]] = []
        for ti, k in order:
            if k in repaired and k not in failed:
                res = repaired[k]
                new_turns[ti] = replace(new_turns[ti], text=res.text)
                for rule, removed in res.removed:
                    records.append(
                        {
                            "id": conv.id,
                            "stage": self.name,
                            "turn": ti,
                            "rule": rule,
                            "removed": removed,
                            "before_chars": len(conv.turns[ti].text),
                            "after_chars": len(res.text),
                            "source": conv.source,
                        }
                    )
        meta: dict[str, Any] = {"rules": all_rules}
        offending = refusing + broken
        if offending:  # drop_turn / truncate
            roles = [t.role for t in new_turns]
            remove = exchange_units(roles, offending)
            keep_idx = (
                None
                if remove is None
                else (
                    list(range(min(remove)))
                    if self.policy == "truncate"
                    else [i for i in range(len(new_turns)) if i not in remove]
                )
            )
            if keep_idx is None or not valid_exchange([roles[i] for i in keep_idx]):
                ti = offending[0]
                k = turns[ti]
                self._drop(out, ci, *self._reject(conv, ti, k, hits, sc, all_rules, verdicts[k], failed.get(k)))
                return
            action = "truncated" if self.policy == "truncate" else "turns_dropped"
            out.counters[f"action:{action}"] += 1
            out.counters["turns_removed"] += len(new_turns) - len(keep_idx)
            meta.update(action=action, turns_removed=len(new_turns) - len(keep_idx))
            kept_set = set(keep_idx)
            records = [r for r in records if r["turn"] in kept_set]
            new_turns = [new_turns[i] for i in keep_idx]
        if records:
            out.counters["repaired"] += 1
            out.counters["repairs"] += len(records)
            meta.setdefault("action", "repaired")
            meta["repaired_turns"] = sorted({r["turn"] for r in records})
            out.repairs.extend(records)
        meta_of.setdefault(ci, {})["unfilter"] = meta
        if tuple(new_turns) != conv.turns:
            out.edit(ci, replace(conv, turns=tuple(new_turns)))

    @staticmethod
    def _drop(out: StageOutput, ci: int, reason: str, evidence: dict[str, Any]) -> None:
        out.drop(ci, reason, **evidence)

    def _reject(
        self,
        conv: Conversation,
        ti: int,
        k: int,
        hits: list[list[Hit]],
        sc: Any,
        all_rules: list[str],
        verdict: str,
        why: str | None,
    ) -> tuple[str, dict[str, Any]]:
        first = deciding_hit(hits[k], verdict)
        assert first is not None
        reason = f"refusal:repair:{why}" if why is not None else f"refusal:{first.rule}"
        span = {"turn": ti, "role": conv.turns[ti].role, **first.to_json()}
        extra: dict[str, Any] = {
            "span": span,
            "rules": all_rules,
            "verdict": "repair_failed" if why is not None else verdict,
        }
        if self._clf is not None and float(sc.prob[k]) > 0:
            extra["score"] = round(float(sc.prob[k]), 4)
        return reason, extra

    # -- reports --------------------------------------------------------------------------------------------------

    def summary(self) -> Any:
        from dolphin_data.unfilter.summary import UnfilterSummary

        return UnfilterSummary.for_stage(self)

    def report(self, report_dir: Path, summaries: Any) -> dict[str, Any]:
        from dolphin_data.unfilter.report import write_report

        return write_report(Path(report_dir), summaries, self)
