"""From applicants and rules to a `NetworkProblem`: the checks that explain infeasible rules before
any solving, in words a coordinator understands, and the rules in force when CP-SAT proves that no
plan satisfies them together."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence

# Messages in the active language once Django is set up; as written when the optimiser runs alone.
from austausch.lib.i18n import gettext as _
from austausch.matching.algorithms.planning import (
    POINTS,
    Applicant,
    Exclusion,
    NetworkProblem,
    NetworkRules,
    PlanningError,
)


def prepare_network_problem(
    *, applicants: Sequence[Applicant], topics: Sequence[str], rules: NetworkRules
) -> NetworkProblem:
    """Check input and rules before any solving; explain every rule that cannot be met."""
    for name in ("topic_weight", "diversity_weight", "time_limit_seconds"):
        value = getattr(rules, name)
        if not (math.isfinite(value) and value >= 0):
            raise PlanningError(
                _("The {setting} must be a finite number ≥ 0, not {value}.").format(
                    setting=name.replace("_", " "), value=value
                ),
                rule=name,
            )
    topic_position = _check_topics(topics)
    _check_applicants(applicants, topic_position)
    included, excluded = _apply_population_band(applicants, rules.population_band)
    if not included:
        raise PlanningError(_("No applicant lies inside the population band."), rule="population_band")
    count = len(included)
    networks, min_size, max_size = _network_sizes(rules, count, len(excluded))

    willing = sum(applicant.willing_to_lead for applicant in included)
    if willing < networks:
        raise PlanningError(
            _(
                "{networks} networks need {networks} lead towns, but only {willing} applicants are willing to lead."
            ).format(networks=networks, willing=willing),
            rule="leads",
        )
    if rules.one_town_per_state:
        state, crowd = Counter(applicant.state for applicant in included).most_common(1)[0]
        if crowd > networks:
            raise PlanningError(
                _(
                    "At most one town per state: {crowd} applicants from {state} cannot fit into {networks} networks."
                ).format(crowd=crowd, state=state, networks=networks),
                rule="one_town_per_state",
            )

    longest = max(len(applicant.topics) for applicant in included)
    fit = {
        (i, topic_position[topic]): (longest - rank) / longest
        for i, applicant in enumerate(included)
        for rank, topic in enumerate(applicant.topics)
    }
    lowest, highest, span_indicators = _thirds(included)
    span_units = count / (networks * len(span_indicators)) if span_indicators else 0.0
    pin_groups, pin_numbers, forbidden = _check_pins(rules, included, networks, max_size)
    problem = NetworkProblem(
        applicants=tuple(included),
        excluded=tuple(excluded),
        topics=tuple(topics),
        rules=rules,
        networks=networks,
        min_size=min_size,
        max_size=max_size,
        fit=fit,
        fit_points={key: round(POINTS * rules.topic_weight * value) for key, value in fit.items()},
        lowest_third=lowest,
        highest_third=highest,
        span_indicators=span_indicators,
        span_points=round(POINTS * rules.diversity_weight * span_units),
        pin_groups=pin_groups,
        pin_numbers=pin_numbers,
        forbidden=forbidden,
    )
    _check_topic_viability(problem)
    return problem


def _check_topics(topics: Sequence[str]) -> dict[str, int]:
    if not topics:
        raise PlanningError(_("The programme has no topics."), rule="topics")
    repeated = [topic for topic, times in Counter(topics).items() if times > 1]
    if repeated:
        raise PlanningError(_("The topic '{topic}' is listed twice.").format(topic=repeated[0]), rule="topics")
    return {topic: position for position, topic in enumerate(topics)}


def _check_applicants(applicants: Sequence[Applicant], topic_position: Mapping[str, int]) -> None:
    if not applicants:
        raise PlanningError(_("There are no applicants."), rule="applicants")
    seen: dict[int, Applicant] = {}
    for applicant in applicants:
        if applicant.town in seen:
            raise PlanningError(
                _("{label} (town {town}) applies twice.").format(label=applicant.label, town=applicant.town),
                rule="applicants",
            )
        seen[applicant.town] = applicant
        applicant.check_profile_like(applicants[0])
        if not applicant.topics:
            raise PlanningError(_("{label} lists no topic.").format(label=applicant.label), rule="topics")
        for topic, times in Counter(applicant.topics).items():
            if topic not in topic_position:
                known = ", ".join(f"'{name}'" for name in topic_position)
                raise PlanningError(
                    _("{label} lists the topic '{topic}', which is not one of the programme's topics: {known}.").format(
                        label=applicant.label, topic=topic, known=known
                    ),
                    rule="topics",
                )
            if times > 1:
                raise PlanningError(
                    _("{label} lists the topic '{topic}' twice.").format(label=applicant.label, topic=topic),
                    rule="topics",
                )


def _apply_population_band(
    applicants: Sequence[Applicant], band: tuple[float, float] | None
) -> tuple[list[Applicant], list[Exclusion]]:
    if band is None:
        return list(applicants), []
    low, high = band
    if low > high:
        raise PlanningError(
            _("The population band {low:,.0f}–{high:,.0f} is empty.").format(low=low, high=high), rule="population_band"
        )
    included = [applicant for applicant in applicants if low <= applicant.population <= high]
    excluded = [
        Exclusion(
            town=applicant.town,
            reason=_("population {population:,.0f} is outside the band {low:,.0f}–{high:,.0f}").format(
                population=applicant.population, low=low, high=high
            ),
        )
        for applicant in applicants
        if not low <= applicant.population <= high
    ]
    return included, excluded


def _network_sizes(rules: NetworkRules, count: int, excluded: int) -> tuple[int, int, int]:
    given = (
        _("{count} given ({excluded} more are outside the population band)").format(count=count, excluded=excluded)
        if excluded
        else _("{count} given").format(count=count)
    )
    if rules.networks is not None and rules.networks < 1:
        raise PlanningError(_("The number of networks must be at least 1."), rule="networks")
    if rules.size is None:
        if rules.networks is None:
            raise PlanningError(_("Give the number of networks or a network size range."), rule="networks")
        networks = rules.networks
        if count < 2 * networks:
            raise PlanningError(
                _(
                    "{networks} networks need at least {needed} applicants (a lead town and a partner each), {given}."
                ).format(networks=networks, needed=2 * networks, given=given),
                rule="size",
            )
        return networks, count // networks, -(-count // networks)
    low, high = rules.size
    if low < 2 or low > high:
        raise PlanningError(
            _(
                "A network size range of {low}–{high} is impossible: a network is a lead town and at least one "
                "partner, and the smallest size cannot exceed the largest."
            ).format(low=low, high=high),
            rule="size",
        )
    if rules.networks is None:
        fitting = range(-(-count // high), count // low + 1)
        if not fitting:
            raise PlanningError(
                _("Networks of {low}–{high} towns cannot split {count} applicants exactly.").format(
                    low=low, high=high, count=count
                ),
                rule="size",
            )
        networks = min(fitting, key=lambda number: (abs(count / number - (low + high) / 2), number))
    else:
        networks = rules.networks
    if networks * low > count:
        raise PlanningError(
            _("Network size {low}–{high} × {networks} networks needs at least {needed} applicants, {given}.").format(
                low=low, high=high, networks=networks, needed=networks * low, given=given
            ),
            rule="size",
        )
    if networks * high < count:
        raise PlanningError(
            _("Network size {low}–{high} × {networks} networks can take at most {most} applicants, {given}.").format(
                low=low, high=high, networks=networks, most=networks * high, given=given
            ),
            rule="size",
        )
    return networks, low, high


def _thirds(
    applicants: Sequence[Applicant],
) -> tuple[tuple[frozenset[int], ...], tuple[frozenset[int], ...], tuple[int, ...]]:
    """Per indicator: who is in the lowest and in the highest third of the applicants with a value.
    Values tied across a cut belong to neither side, so one town never spans an indicator alone."""
    lowest: list[frozenset[int]] = []
    highest: list[frozenset[int]] = []
    indicators: list[int] = []
    for indicator in range(len(applicants[0].profile)):
        values = sorted(
            (applicant.profile[indicator], i)
            for i, applicant in enumerate(applicants)
            if not math.isnan(applicant.profile[indicator])
        )
        if len(values) < 2:
            continue
        low_cut = values[(len(values) - 1) // 3][0]
        high_cut = values[len(values) - 1 - (len(values) - 1) // 3][0]
        low = frozenset(i for value, i in values if value <= low_cut and value < high_cut)
        high = frozenset(i for value, i in values if value >= high_cut and value > low_cut)
        if low and high:
            lowest.append(low)
            highest.append(high)
            indicators.append(indicator)
    return tuple(lowest), tuple(highest), tuple(indicators)


def _check_pins(
    rules: NetworkRules, applicants: Sequence[Applicant], networks: int, max_size: int
) -> tuple[tuple[tuple[int, ...], ...], tuple[int, ...], tuple[tuple[int, int], ...]]:
    """Pins as groups of positions (in the order of their network numbers) and forbids as
    (position, group); see `NetworkRules` for what the numbers mean."""
    position = {applicant.town: i for i, applicant in enumerate(applicants)}

    def applicant_position(town: int, what: str) -> int:
        if town not in position:
            raise PlanningError(
                _("The {what} town {town} is not among the applicants in the band.").format(what=what, town=town),
                rule="pins",
            )
        return position[town]

    groups: dict[int, list[int]] = defaultdict(list)
    for town, number in rules.pins.items():
        groups[number].append(applicant_position(town, "pinned"))
    numbers = sorted(groups)
    if len(numbers) > networks:
        raise PlanningError(
            _("Pins name {pinned} networks, but there are only {networks}.").format(
                pinned=len(numbers), networks=networks
            ),
            rule="pins",
        )
    for number in numbers:
        _check_pin_group(rules, [applicants[i] for i in sorted(groups[number])], number=number, max_size=max_size)
    forbidden = []
    for town, number in sorted(rules.forbids):
        i = applicant_position(town, "forbidden")
        if number not in groups:
            raise PlanningError(
                _(
                    "Network {number} has no pinned towns, so forbidding {label} from it means nothing: pin a town to "
                    "a network before keeping others out of it."
                ).format(number=number, label=applicants[i].label),
                rule="forbids",
            )
        if i in groups[number]:
            raise PlanningError(
                _("{label} is both pinned into and forbidden from network {number}.").format(
                    label=applicants[i].label, number=number
                ),
                rule="forbids",
            )
        forbidden.append((i, numbers.index(number)))
    return tuple(tuple(sorted(groups[number])) for number in numbers), tuple(numbers), tuple(forbidden)


def _check_pin_group(rules: NetworkRules, members: Sequence[Applicant], *, number: int, max_size: int) -> None:
    """The towns pinned into one network must fit in it, come from different states (if the rules say
    so) and share a topic."""
    if len(members) > max_size:
        raise PlanningError(
            _("{count} towns are pinned into network {number}, but a network has at most {max_size}.").format(
                count=len(members), number=number, max_size=max_size
            ),
            rule="pins",
        )
    states = Counter(member.state for member in members)
    crowded = [state for state, times in states.items() if times > 1]
    if rules.one_town_per_state and crowded:
        names = " and ".join(member.label for member in members if member.state == crowded[0])
        raise PlanningError(
            _("{names} are all from {state} and pinned into network {number}: at most one town per state.").format(
                names=names, state=crowded[0], number=number
            ),
            rule="pins",
        )
    if not set.intersection(*(set(member.topics) for member in members)):
        raise PlanningError(
            _("The towns pinned into network {number} list no topic in common.").format(number=number), rule="pins"
        )


def _check_topic_viability(problem: NetworkProblem) -> None:
    viable = {topic for topic in range(len(problem.topics)) if problem.topic_copies(topic) > 0}
    need = _("a network needs {size} towns that list its topic, one of them willing to lead").format(
        size=problem.min_size
    )
    if problem.rules.distinct_topics and len(viable) < problem.networks:
        raise PlanningError(
            _(
                "{networks} networks with distinct topics need {networks} topics, "
                "but only {viable} are listed by enough applicants ({need})."
            ).format(networks=problem.networks, viable=len(viable), need=need),
            rule="distinct_topics",
        )
    for i, applicant in enumerate(problem.applicants):
        if not any((i, topic) in problem.fit for topic in viable):
            raise PlanningError(
                _("{label} lists only topics no network can form around ({need}): {topics}.").format(
                    label=applicant.label, need=need, topics=", ".join(f"'{topic}'" for topic in applicant.topics)
                ),
                rule="listed_topics",
            )


def describe_rules(problem: NetworkProblem) -> str:
    rules = problem.rules
    parts = [
        _("{networks} networks of {low}–{high} towns").format(
            networks=problem.networks, low=problem.min_size, high=problem.max_size
        ),
        _("one lead town willing to lead in each"),
        _("towns join only networks on a topic they listed"),
    ]
    if rules.one_town_per_state:
        parts.append(_("at most one town per state"))
    if rules.distinct_topics:
        parts.append(_("distinct topics"))
    if problem.pin_groups:
        parts.append(_("pins into {count} networks").format(count=len(problem.pin_groups)))
    if problem.forbidden:
        parts.append(_("{count} forbids").format(count=len(problem.forbidden)))
    return "; ".join(parts)


def infeasible_rules(problem: NetworkProblem) -> PlanningError:
    return PlanningError(
        _(
            "No plan satisfies all rules together, although each check on its own passed; CP-SAT proved it. "
            "The rules in force: {rules}."
        ).format(rules=describe_rules(problem)),
        rule="infeasible",
    )
