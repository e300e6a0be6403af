"""Rules of ``prep_core.posting.terms`` that generalise: years in words, coordinated modifiers."""

from prep_core.posting.terms import terms_of


def test_years_written_as_words_in_every_language():
    assert terms_of("Mindestens drei Jahre Erfahrung", language="de") == ["3+ years"]
    assert terms_of("au moins deux ans d'expérience", language="fr") == ["2+ years"]
    assert terms_of("cinco años de experiencia", language="es") == ["5+ years"]
    assert terms_of("drie jaar ervaring", language="nl") == ["3+ years"]
    assert terms_of("un an", language="fr") == []  # "un" is an article first


def test_two_modifiers_of_one_noun_make_two_terms():
    assert terms_of("strategic and operational planning") == [
        "strategic planning",
        "operational planning",
    ]
    assert terms_of("oral and written communication") == [
        "oral communication",
        "written communication",
    ]
    assert terms_of("Python and data analysis") == ["Python", "data analysis"]


def test_a_kind_of_thing_is_a_term_unless_examples_follow():
    assert terms_of("Experience with content management systems") == ["content management systems"]
    assert terms_of("Experience with cloud platforms such as AWS") == ["AWS"]


def test_alternatives_after_a_cue_are_terms_each_without_the_field_word():
    assert terms_of("4-8 years of experience in the Retail/CPG/Manufacturing industry") == [
        "4+ years",
        "Retail",
        "CPG",
        "Manufacturing",
    ]
