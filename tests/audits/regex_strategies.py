"""Random regular expressions for property tests of code that reads re's parse tree (prepare/literals.py,
prepare/first_chars.py): sequences, alternations, quantifiers, scoped flags and atomic groups of atoms."""

from __future__ import annotations

from hypothesis import strategies as st


def regexes(atoms: st.SearchStrategy[str], depth: int = 2, *, max_alternatives: int = 3,
            capturing: bool = False, dotall: bool = False) -> st.SearchStrategy[str]:
    """Pattern sources built from ``atoms``, nested ``depth`` levels; optionally with capturing groups and
    ``(?s:...)`` scopes as well."""
    if depth == 0:
        return st.lists(atoms, min_size=1, max_size=4).map("".join)
    inner = regexes(atoms, depth - 1, max_alternatives=max_alternatives, capturing=capturing, dotall=dotall)
    forms = [
        st.lists(inner, min_size=1, max_size=3).map("".join),
        st.lists(inner, min_size=2, max_size=max_alternatives).map(lambda xs: "(?:" + "|".join(xs) + ")"),
    ]
    if capturing:
        forms.append(st.lists(inner, min_size=2, max_size=3).map(lambda xs: "(" + "|".join(xs) + ")"))
    forms += [
        st.tuples(inner, st.sampled_from(["?", "*", "+", "{2}", "{1,3}", "{0,2}", "+?"])).map(
            lambda t: f"(?:{t[0]}){t[1]}"),
        inner.map(lambda x: f"(?-i:{x})"),
    ]
    if dotall:
        forms.append(inner.map(lambda x: f"(?s:{x})"))
    forms.append(inner.map(lambda x: f"(?>{x})"))
    return st.one_of(*forms)
