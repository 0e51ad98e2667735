#!/usr/bin/env python3
"""policy-oracle.py - a second, independent reading of the back-recovery policy (v2).

The vignettes' expectations (tests/vignettes/NAME.expect.yaml) are worked out from
/work/shared/spec/back-recovery-policy.md, never from the program. This script is that
reading written down: the items, their conditions, the 35 rules, the advice notes, the
derived values and the documented score formulas (docs/back-recovery.md), transcribed from
the spec's text, not from questionnaires/back-recovery.yaml, in the spec's three-valued
logic (an item not asked is unknown; a test on it is false unless the rule says otherwise).

    tests/tools/policy-oracle.py tests/vignettes/NAME.yaml      # prints the expectation
    tests/tools/policy-oracle.py --write tests/vignettes/*.yaml  # writes NAME.expect.yaml

`make test` never runs it: test_vignettes compares the program with the expect files. When
the two disagree, read the spec to find which is wrong; do not regenerate to make it pass.
Needs python3 and PyYAML (used by nothing else).
"""
import sys

import yaml

U = None  # unknown


def AND(*xs):
    if any(x is False for x in xs):
        return False
    if any(x is None for x in xs):
        return None
    return True


def OR(*xs):
    if any(x is True for x in xs):
        return True
    if any(x is None for x in xs):
        return None
    return False


def NOT(x):
    return None if x is None else not x


def cmp(a, op, b):
    if a is None or b is None:
        return None
    return {'<': a < b, '<=': a <= b, '>': a > b, '>=': a >= b,
            '==': a == b, '!=': a != b}[op]


def has(m, c):
    """c in the multi answer m (unknown when m is unknown)."""
    return None if m is None else c in m


def anyof(m, cs):
    return OR(*[has(m, c) for c in cs])


def isin(v, cs):
    return None if v is None else v in cs


def answered(v):
    return v is not None


CAUDA = ['saddle_numbness', 'bladder_bowel', 'sexual_function', 'both_legs',
         'progressive_weakness']

# Items in the spec's order: (id, condition on the answers so far).
ITEMS = [
    ('age', lambda a: True),
    ('pregnancy', lambda a: AND(cmp(a['age'], '>=', 16), cmp(a['age'], '<=', 55))),
    ('emergency_signs', lambda a: True),
    ('emergency_unsure', lambda a: cmp(sorted(a['emergency_signs'] or []) if a['emergency_signs'] is not None else None, '==', ['none'])),
    ('unsure_signs', lambda a: a['emergency_unsure']),
    ('urgent_signs', lambda a: True),
    ('leg_weakness', lambda a: True),
    ('leg_symptoms', lambda a: True),
    ('leg_symptom_days', lambda a: cmp(a['leg_symptoms'], '!=', 'none')),
    ('pain_weeks', lambda a: True),
    ('pain_trend', lambda a: True),
    ('pain_now', lambda a: True),
    ('pain_worst_week', lambda a: True),
    ('painkillers_help', lambda a: cmp(a['pain_worst_week'], '>=', 5)),
    ('extension_pain', lambda a: cmp(a['age'], '<', 20)),
    ('first_episode', lambda a: True),
    ('previous_episodes_12m', lambda a: NOT(a['first_episode'])),
    ('already_assessed', lambda a: True),
    ('bone_stress_risk', lambda a: True),
    ('morning_stiffness_min', lambda a: True),
    ('stiffness_eases_moving', lambda a: cmp(a['morning_stiffness_min'], '>=', 30)),
    ('stiffness', lambda a: True),
    ('guarding', lambda a: True),
    ('movement_confidence', lambda a: True),
    ('avoiding_movements', lambda a: True),
    ('bother', lambda a: True),
    ('worry', lambda a: True),
    ('daily_limit', lambda a: True),
    ('sleep_hours', lambda a: True),
    ('sleep_quality', lambda a: True),
    ('stress', lambda a: True),
    ('fatigue', lambda a: True),
    ('soreness', lambda a: True),
    ('rest_days', lambda a: True),
    ('active_recovery_sessions', lambda a: True),
    ('recovery_priority_weeks', lambda a: True),
    ('episode_rest_days', lambda a: True),
    ('sessions_per_week', lambda a: True),
    ('session_minutes', lambda a: cmp(a['sessions_per_week'], '>', 0)),
    ('session_rpe', lambda a: cmp(a['sessions_per_week'], '>', 0)),
    ('load_change', lambda a: cmp(a['sessions_per_week'], '>', 0)),
    ('spike_session', lambda a: cmp(a['sessions_per_week'], '>', 0)),
    ('through_pain', lambda a: cmp(a['sessions_per_week'], '>', 0)),
    ('recovery_between_sessions', lambda a: cmp(a['sessions_per_week'], '>', 0)),
    ('extra_mobility', lambda a: True),
    ('pushed_harder', lambda a: True),
    ('care_so_far', lambda a: True),
    ('hard_activity', lambda a: True),
    ('hard_activity_score', lambda a: answered(a['hard_activity'])),
    ('own_words', lambda a: True),
]
OPTIONAL = {'care_so_far', 'hard_activity', 'own_words'}


def derived(a):
    """Never unknown: a test on an unasked item is false, an unasked number counts as 0."""
    def t(x):
        return x is True

    def n(x):
        return 0 if x is None else x
    d = {}
    if answered(a['session_minutes']) and answered(a['session_rpe']):
        d['weekly_load'] = a['sessions_per_week'] * a['session_minutes'] * a['session_rpe']
    else:
        d['weekly_load'] = 0
    d['hooper_index'] = sum(n(a[k]) for k in ('sleep_quality', 'stress', 'fatigue', 'soreness'))
    d['strain_signs'] = sum(t(x) for x in (
        cmp(a['sleep_hours'], '<', 7), cmp(a['sleep_quality'], '>=', 6),
        cmp(a['stress'], '>=', 6), cmp(a['fatigue'], '>=', 6), cmp(a['soreness'], '>=', 6),
        cmp(a['rest_days'], '==', 0)))
    d['worry_signs'] = sum(t(x) for x in (
        isin(a['bother'], ['very', 'extremely']), isin(a['worry'], ['often', 'all_the_time']),
        a['avoiding_movements'], cmp(a['movement_confidence'], '<=', 3), a['daily_limit']))
    return d


def clamp(x, lo, hi):
    return max(lo, min(hi, x))


def scores(a, d):
    """The formulas documented in docs/back-recovery.md (Domain scores)."""
    s = {}
    rd = 0
    if answered(a['sleep_hours']):
        rd += clamp(8 - a['sleep_hours'], 0, 5) * 4
    rd += clamp(d['hooper_index'] - 4, 0, 24)
    rd += 20 if a['rest_days'] == 0 else 10 if a['rest_days'] == 1 else 0
    rd += 20 if a['recovery_between_sessions'] == 'slower' else 0
    if answered(a['active_recovery_sessions']):
        rd += clamp(2 - a['active_recovery_sessions'], 0, 2) * 8
    s['recovery_deficit_score'] = clamp(rd, 0, 100)
    lp = {'up_over_30': 30, 'up_10_30': 15}.get(a['load_change'], 0)
    lp += 20 if a['spike_session'] is True else 0
    lp += {'often': 20, 'sometimes': 10}.get(a['through_pain'], 0)
    lp += 15 if a['pushed_harder'] is True else 0
    lp += 15 if a['extra_mobility'] is True else 0
    s['load_pressure_score'] = clamp(lp, 0, 100)
    g = 0
    g += a['guarding'] * 3 if answered(a['guarding']) else 0
    g += a['stiffness'] * 2 if answered(a['stiffness']) else 0
    g += (10 - a['movement_confidence']) * 2 if answered(a['movement_confidence']) else 0
    g += 15 if a['avoiding_movements'] is True else 0
    m = a['morning_stiffness_min']
    g += 0 if m is None else 15 if m >= 60 else 10 if m >= 30 else 5 if m >= 15 else 0
    s['guarding_score'] = clamp(g, 0, 100)
    p = clamp(a['pain_weeks'], 0, 12) * 3 if answered(a['pain_weeks']) else 0
    p += {'worse': 24, 'same': 12}.get(a['pain_trend'], 0)
    if answered(a['previous_episodes_12m']):
        p += clamp(a['previous_episodes_12m'], 0, 3) * 8
    if a['pain_trend'] is not None and a['pain_trend'] != 'improving' and \
            answered(a['recovery_priority_weeks']):
        p += clamp(a['recovery_priority_weeks'], 0, 4) * 4
    s['persistence_score'] = clamp(p, 0, 100)
    return s


def rules(a, d):
    """The 35 rules in the spec's order: (id, outcome, condition)."""
    us, es, un = a['urgent_signs'], a['emergency_signs'], a['unsure_signs']
    age, pw, tr = a['age'], a['pain_weeks'], a['pain_trend']
    not_impr = cmp(tr, '!=', 'improving')
    rest_guard = cmp(a['episode_rest_days'], '<', 3)
    return [
        ('chest_or_vascular', 'emergency', anyof(es, ['chest_pain', 'sudden_severe'])),
        ('major_trauma', 'emergency', has(es, 'major_trauma')),
        ('cauda_equina', 'emergency', anyof(es, CAUDA)),
        ('serious_infection', 'emergency', OR(
            AND(anyof(us, ['fever', 'unwell']),
                anyof(us, ['immune_treatment', 'injecting_drugs', 'spinal_procedure'])),
            AND(has(us, 'fever'), a['leg_weakness']))),
        ('cauda_equina_unsure', 'emergency', AND(
            anyof(un, CAUDA), OR(cmp(a['leg_symptoms'], '!=', 'none'), a['leg_weakness']))),
        ('cancer_nerve_signs', 'emergency', AND(
            has(us, 'cancer_history'),
            OR(a['leg_weakness'], cmp(a['leg_symptoms'], '==', 'below_knee')))),
        ('unsure_emergency_sign', 'urgent', a['emergency_unsure']),
        ('cancer_red_flags', 'urgent', AND(has(us, 'cancer_history'), OR(
            anyof(us, ['night_pain', 'weight_loss', 'back_shape', 'upper_back',
                       'strain_pain', 'unwell']),
            cmp(a['leg_symptoms'], '==', 'above_knee'), cmp(tr, '==', 'worse')))),
        ('red_flag_urgent', 'urgent', anyof(us, [
            'fever', 'unwell', 'weight_loss', 'night_pain', 'back_shape', 'upper_back',
            'kidney_signs', 'fragility_injury'])),
        ('leg_weakness', 'urgent', a['leg_weakness']),
        ('older_severe_new', 'urgent', AND(cmp(age, '>=', 65), cmp(pw, '<', 6),
                                           cmp(a['pain_worst_week'], '>=', 7), not_impr)),
        ('uncontrolled_pain', 'urgent', AND(cmp(a['pain_now'], '>=', 8),
                                            cmp(a['painkillers_help'], '==', 'does_not_help'))),
        ('out_of_scope_age', 'assessment', cmp(age, '<', 16)),
        ('pregnancy', 'assessment', cmp(a['pregnancy'], '==', 'pregnant')),
        ('postnatal', 'assessment', cmp(a['pregnancy'], '==', 'postnatal')),
        ('cancer_history', 'assessment', AND(has(us, 'cancer_history'),
                                             NOT(a['already_assessed']))),
        ('infection_risk', 'assessment', AND(
            anyof(us, ['immune_treatment', 'injecting_drugs', 'spinal_procedure']),
            NOT(a['already_assessed']))),
        ('inflammatory_pattern', 'assessment', AND(
            cmp(pw, '>=', 12),
            cmp(None if age is None or pw is None else age - pw / 52, '<', 45),
            cmp(a['morning_stiffness_min'], '>=', 30), a['stiffness_eases_moving'])),
        ('new_pain_older', 'assessment', AND(cmp(age, '>=', 50), a['first_episode'], not_impr,
                                             OR(cmp(pw, '>=', 2), cmp(age, '>=', 65)))),
        ('young_athlete', 'assessment', AND(cmp(age, '<', 20), cmp(pw, '>=', 2),
                                            OR(not_impr, a['extension_pain']))),
        ('bone_stress', 'assessment', OR(
            has(a['bone_stress_risk'], 'missed_periods'),
            AND(anyof(a['bone_stress_risk'], ['under_fuelling', 'stress_fracture']),
                cmp(pw, '>=', 2), not_impr))),
        ('nerve_symptoms', 'assessment', AND(
            cmp(a['leg_symptoms'], '!=', 'none'),
            OR(cmp(a['leg_symptom_days'], '>=', 14),
               AND(cmp(tr, '==', 'worse'), cmp(pw, '>=', 1)),
               AND(cmp(a['leg_symptoms'], '==', 'below_knee'),
                   cmp(a['pain_worst_week'], '>=', 7))))),
        ('persistent_12w', 'assessment', cmp(pw, '>=', 12)),
        ('not_improving_6w', 'assessment', AND(cmp(pw, '>=', 6), not_impr)),
        ('worse_or_severe', 'assessment', AND(cmp(pw, '>=', 2), OR(
            cmp(tr, '==', 'worse'),
            AND(cmp(a['pain_worst_week'], '>=', 7), cmp(tr, '==', 'same'))))),
        ('not_settling_despite_rest', 'assessment', OR(
            AND(cmp(a['episode_rest_days'], '>=', 3), cmp(tr, '==', 'worse')),
            AND(cmp(a['episode_rest_days'], '>=', 7), not_impr))),
        ('keeps_returning', 'assessment', cmp(a['previous_episodes_12m'], '>=', 2)),
        ('stuck_despite_recovery', 'assessment', AND(
            cmp(a['recovery_priority_weeks'], '>=', 3), cmp(pw, '>=', 3), not_impr,
            cmp(a['sleep_hours'], '>=', 7), cmp(a['rest_days'], '>=', 1),
            # "true when load_change was not asked"
            True if a['load_change'] is None else a['load_change'] not in ('up_10_30',
                                                                           'up_over_30'))),
        ('protective_pattern', 'assessment', AND(
            OR(cmp(a['guarding'], '>=', 7), a['avoiding_movements']),
            cmp(a['movement_confidence'], '<=', 3), cmp(pw, '>=', 2), not_impr)),
        ('worry_and_bother', 'assessment', AND(cmp(pw, '>=', 2),
                                               cmp(d['worry_signs'], '>=', 3))),
        ('limits_daily_life', 'assessment', AND(a['daily_limit'], cmp(pw, '>=', 2), not_impr)),
        ('acute_flare', 'rest', AND(cmp(pw, '<', 2), cmp(a['pain_now'], '>=', 7), rest_guard)),
        ('load_spike', 'rest', AND(OR(cmp(a['load_change'], '==', 'up_over_30'),
                                      a['spike_session']),
                                   cmp(a['pain_now'], '>=', 5), rest_guard)),
        ('overreached', 'rest', AND(cmp(a['recovery_between_sessions'], '==', 'slower'),
                                    cmp(d['strain_signs'], '>=', 2), rest_guard)),
        ('working_through_pain', 'rest', AND(
            cmp(a['through_pain'], '==', 'often'),
            cmp(a['recovery_between_sessions'], '==', 'slower'), rest_guard)),
    ]


SEVERITY = {'emergency': 5, 'urgent': 4, 'assessment': 3, 'rest': 2, 'active_recovery': 1}


def advice(a, outcome, matched):
    below = outcome in ('assessment', 'rest', 'active_recovery')
    m = set(matched)
    spw = a['sessions_per_week']
    notes = [
        ('sleep', cmp(a['sleep_hours'], '<', 7)),
        ('easy_day', AND(cmp(a['rest_days'], '==', 0), cmp(spw, '>', 0))),
        ('swap_stretching', OR(a['extra_mobility'], cmp(a['guarding'], '>=', 5))),
        ('stop_pushing', AND(cmp(spw, '>', 0), OR(a['pushed_harder'], isin(
            a['through_pain'], ['sometimes', 'often'])))),
        ('reduce_load', OR(cmp(a['load_change'], '==', 'up_over_30'), a['spike_session'])),
        ('add_active_recovery', cmp(a['active_recovery_sessions'], '==', 0)),
        ('ease_off_until_seen', outcome == 'assessment' and bool(
            m & {'acute_flare', 'load_spike', 'overreached', 'working_through_pain'})),
        ('stop_impact', 'bone_stress' in m or ('young_athlete' in m and
                                               a['extension_pain'] is True)),
        ('rested_enough', outcome in ('active_recovery', 'assessment') and
         cmp(a['episode_rest_days'], '>=', 3) is True),
        ('pain_relief', AND(cmp(a['pain_worst_week'], '>=', 5),
                            cmp(a['painkillers_help'], '!=', 'helps'))),
        ('already_seen', outcome == 'assessment' and a['already_assessed'] is True),
        ('not_training', cmp(spw, '==', 0)),
    ]
    return [i for i, c in notes if below and c is True]


def stop_rule(a):
    d = derived(a)
    for rid, out, c in rules(a, d):
        if out == 'emergency' and c is True:
            return rid
    return None


def oracle(answers):
    a = {i: None for i, _ in ITEMS}
    ignored, stopped = [], None
    for item, cond in ITEMS:
        given = answers.get(item)
        if stopped is not None:
            if given is not None:
                ignored.append(item)
            continue
        if cond(a) is not True:
            if given is not None:
                ignored.append(item)
            continue
        if given is None and item not in OPTIONAL:
            raise SystemExit('%s is asked but has no answer' % item)
        a[item] = given
        stopped = stop_rule(a)
    for k in answers:
        if k not in a:
            raise SystemExit('unknown item %s' % k)
    d = derived(a)
    rs = rules(a, d)
    matched = [rid for rid, _, c in rs if c is True]
    first = next(((rid, out) for rid, out, c in rs if c is True), None)
    decided_by, outcome = first if first else ('default', 'active_recovery')
    res = {'outcome': outcome, 'decided_by': decided_by, 'matched': matched,
           'advice': advice(a, outcome, matched), 'derived': d, 'scores': scores(a, d)}
    if ignored:
        res['ignored'] = ignored
    return res


def num(x):
    return int(x) if float(x) == int(x) else x


def expect_text(name, res):
    out = ['# What %s.yaml must give under policy v2 (worked out from the spec, not from '
           'the program).' % name]
    out.append('outcome: %s' % res['outcome'])
    out.append('decided_by: %s' % res['decided_by'])
    out.append('matched: [%s]' % ', '.join(res['matched']))
    out.append('advice: [%s]' % ', '.join(res['advice']))
    for key in ('derived', 'scores'):
        out.append('%s:' % key)
        for k, v in res[key].items():
            out.append('  %s: %s' % (k, num(v)))
    if 'ignored' in res:
        out.append('ignored: [%s]' % ', '.join(res['ignored']))
    return '\n'.join(out) + '\n'


def main(argv):
    write = argv[:1] == ['--write']
    for path in argv[1:] if write else argv:
        name = path.rsplit('/', 1)[-1][:-len('.yaml')]
        with open(path) as f:
            answers = yaml.safe_load(f)
        text = expect_text(name, oracle(answers))
        if write:
            with open(path[:-len('.yaml')] + '.expect.yaml', 'w') as f:
                f.write(text)
        else:
            sys.stdout.write(text)


if __name__ == '__main__':
    main(sys.argv[1:])
