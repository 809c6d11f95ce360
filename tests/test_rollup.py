"""Country roll-up: a state's government, armed forces and officials count as the state in the
cookbook (`kg query --rollup`), while its rebels and civilians do not."""

from __future__ import annotations

import csv
import io

from kg.query import rolled_up


def test_roles_become_alternatives_with_the_state_they_act_for_and_nothing_else_changes():
    query = ("SELECT * WHERE { VALUES ?p { kgo:actor } ?e kgo:actor ?a , ?b ; kgo:recipient ?r ; "
             "kgo:actorCount ?n . ?x kgo:actor/rdfs:label ?l }")
    assert rolled_up(query) == ("SELECT * WHERE { VALUES ?p { kgo:actor } ?e (kgo:actor|kgo:actorState) ?a , ?b ; "
                                "(kgo:recipient|kgo:recipientState) ?r ; kgo:actorCount ?n . "
                                "?x kgo:actor/rdfs:label ?l }")


def rows(kg_main, *args) -> list[dict[str, str]]:
    run = kg_main("query", *args, "--format", "csv")
    assert run.code == 0, run.err
    return list(csv.DictReader(io.StringIO(run.out)))


def test_events_between_a_state_and_a_group_include_its_forces_and_government_when_rolled_up(samples_out, kg_main):
    graph = samples_out / "graph.ttl"
    params = ("--param", "a=Russia", "--param", "b=Syrian Rebels")
    plain = rows(kg_main, "events-between", graph, *params)
    rolled = rows(kg_main, "events-between", graph, *params, "--rollup")
    assert not any(r["predicateLabel"] in {"bombs", "rejects"} for r in plain)
    found = {(r["actorLabel"], r["predicateLabel"], r["recipientLabel"]) for r in rolled}
    assert {("Russia", "bombs", "Syrian Rebels"), ("Russia", "rejects", "Syrian Rebels")} <= found
    # Syria's rebels are Syria's but do not act for it: rolling up Syria does not pull them in
    syria = rows(kg_main, "events-between", graph, "--param", "a=Syria", "--param", "b=Iran", "--rollup")
    assert syria and all("Rebels" not in r["actorLabel"] + r["recipientLabel"] for r in syria)
    assert any(r["actorLabel"] == "Iran" and r["recipientLabel"] == "Syria" for r in syria)
