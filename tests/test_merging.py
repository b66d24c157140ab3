"""The learned merge: pairs of rule groups of one story scored by a logistic model."""

from factcheck.models import Claim, Source
from factcheck.patterns import load_ruleset
from factcheck.reconcile import Reconciler
from factcheck.reconcile.merging import FEATURES, Merger, builtin_model, candidate_pairs, no_merge
from factcheck.reconcile.splitting import Part


def claim(path, subject, attribute, value, sentence, kind="quantity", published="2023-02-08"):
    quote = value
    return Claim(id=f"{path}-{attribute}-{value}", source=Source(path=path, published=published, story="quake"),
                 start=0, end=len(quote), quote=quote, sentence=sentence, subject=subject, attribute=attribute,
                 value=value, value_text=value, kind=kind, confidence=0.7, rule="test.v1")


CLAIMS = [
    claim("a.txt", "earthquake", "deaths", "4300", "The quake has killed 4300 people, officials said."),
    claim("b.txt", "rescuers", "victim_count", "4300", "Rescuers said they had counted 4300 victims."),
]


def merger_that_trusts(feature: str, weight: float = 8.0) -> Merger:
    """A model that merges exactly when one feature is on."""
    rules = load_ruleset()
    weights = tuple(weight if name == feature else 0.0 for name in FEATURES)
    return Merger(Reconciler(rules).comparator, weights, -weight / 2, 0.5)


def test_the_rules_alone_keep_two_subjects_and_attributes_apart():
    rules = load_ruleset()
    groups = Reconciler(rules, merger=no_merge(Reconciler(rules).comparator)).groups(CLAIMS)
    assert len(groups) == 2


def test_a_pair_the_model_believes_is_merged_and_judged_by_the_rules():
    groups = Reconciler(load_ruleset(), merger=merger_that_trusts("values_equal")).groups(CLAIMS)
    assert [(len(g.claims), g.verdict) for g in groups] == [(2, "agree")]


def test_one_report_giving_two_values_is_never_merged_into_one_group():
    same_report = [CLAIMS[0], claim("a.txt", "rescuers", "victim_count", "120", "Rescuers pulled 120 people out alive.")]
    groups = Reconciler(load_ruleset(), merger=merger_that_trusts("values_different")).groups(same_report)
    assert len(groups) == 2


def test_only_pairs_sharing_an_attribute_subject_or_value_are_scored():
    parts = [Part("deaths", "quake", None, [CLAIMS[0]]), Part("victim_count", "rescuers", None, [CLAIMS[1]]),
             Part("magnitude", "x", None, [claim("c.txt", "x", "magnitude", "7.8", "A 7.8 quake.")])]
    assert list(candidate_pairs(parts)) == [(0, 1)]


def test_the_builtin_model_is_trained_on_these_features():
    model = builtin_model()
    assert model.features == list(FEATURES) and len(model.weights) == len(FEATURES)
    assert 0 < model.threshold < 1 and model.trained_on


def test_two_named_subjects_sharing_a_small_value_are_never_merged():
    small = [claim("a.txt", "Derek Chauvin", "charges", "3", "Chauvin faces 3 charges."),
             claim("b.txt", "Tou Thao", "charge_count", "3", "Thao faces 3 charges.")]
    groups = Reconciler(load_ruleset(), merger=merger_that_trusts("values_equal")).groups(small)
    assert len(groups) == 2
