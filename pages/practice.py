"""Practice: one question at a time against a timer, with feedback in the company's own words."""

import streamlit as st

from pages._ui import mock
from pages._ui import practice as ui
from pages._ui.state import plain, require_profile
from pages._ui.tabs import tabs as tabs_in_url
from pages._ui.undo import clear_history

profile = require_profile()
st.title("Practice", anchor=False)
st.caption(
    "Answer out loud or in writing, then read the feedback: the company's words you used, the "
    "points of your drafted answer you covered, STAR for stories, length, pace and fillers."
)
answer_tab, mock_tab, progress_tab = tabs_in_url(
    ["Answer", "Mock round", "Progress"], key="practice.tab"
)

if answer_tab.open:
    with answer_tab:
        questions = ui.questions_to_practise(profile)
        if not any(q.text for q in profile.prep.questions):
            st.info("No questions yet. Add some under Interview Preparation first.")
        elif not questions:
            st.info("No question in this set. Choose another set above.")
        else:
            question = ui.pick_question(profile, questions)
            st.subheader(plain(question.text, 300), anchor=False)
            ui.timer(question)  # stops when the answer is checked
            with st.expander("My drafted answer"):
                lines = question.answer.splitlines() or ["Not drafted yet."]
                st.markdown("  \n".join(plain(line, 2000) for line in lines))
            ui.answer_box(question)
            ui.voice_box(profile, question)
            # Never disabled: a click carries the text still being typed (saved by on_change first).
            st.button(
                "Get feedback",
                key="practice.check",
                type="primary",
                on_click=ui.check_answer,
                args=(profile.id, question.id),
            )
            if ui.nothing_typed(question):
                st.warning("Type or say an answer first.")
            if (result := ui.result_of(question)) is not None:
                st.divider()
                ui.show_feedback(result[3])
                if result[3].follow_up is not None:
                    ui.follow_up_box(profile, question, result[3].follow_up, result[0], "practice")
                st.segmented_control(
                    "How did it go? (1-5)", [1, 2, 3, 4, 5], key=ui.rating_key(question.id)
                )
                row = st.container(horizontal=True)
                row.button(
                    "Save this attempt",
                    key="practice.save",
                    on_click=ui.keep,
                    args=(question.id,),
                    type="primary",
                    icon=":material/save:",
                )
                row.button(
                    "Use this as my drafted answer",
                    key="practice.use",
                    on_click=ui.use_as_draft,
                    args=(question.id,),
                )
            ui.trend(question)
            if question.attempts:
                st.button(
                    f"Clear this question's history ({len(question.attempts)})",
                    key=f"practice.clear.{question.id}",
                    on_click=clear_history,
                    args=(question.id,),
                    icon=":material/delete_sweep:",
                    type="tertiary",
                    help="Delete its saved attempts (they count towards the profile's 2 MB); "
                    "Undo brings them back",
                )

if mock_tab.open:
    with mock_tab:
        mock.round_tab(profile)

if progress_tab.open:
    with progress_tab:
        ui.progress(profile)
