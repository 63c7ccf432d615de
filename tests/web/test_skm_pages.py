"""Public SKM results on /skm: published by the kepala per ended period, with the exact IKM,
every element, the minimum sample and the follow-up plans; never what a citizen wrote."""

from __future__ import annotations

from antrean.core.access import Role
from tests.support.app import AppUnderTest, csrf_from
from tests.support.feedback import WORKED_NRR, answer_by_form, worked_example_sheets

PROFILE = {"sex": "P", "age": "30", "education": "sma", "occupation": "swasta",
           "suggestion": "Petugas loket 2 bernama Budi lambat sekali"}



def _answer_worked_example(app: AppUnderTest, staff: dict[str, str]) -> None:
    for sheet in worked_example_sheets():
        answered = answer_by_form(app.client(), app.served_ticket(staff), sheet, PROFILE)
        assert answered.status_code == 200, answered.text


def _publish(kepala, period: str):  # type: ignore[no-untyped-def]
    page = kepala.get(f"/admin/skm?periode={period}").text
    return kepala.post("/admin/skm/terbitkan", data={"csrf_token": csrf_from(page),
                                                    "periode": period})


def test_the_worked_example_is_published_with_its_follow_up(app_under_test: AppUnderTest) -> None:
    app = app_under_test
    app.add_user("siti", Role.PETUGAS)
    app.add_user("kepala", Role.ADMIN)
    _answer_worked_example(app, app.bearer("siti"))
    public = app.client()
    assert "Belum ada hasil survei yang diterbitkan" in public.get("/skm").text
    kepala = app.signed_in("kepala")
    assert _publish(kepala, "2026-T4").status_code == 422  # the quarter has not ended
    assert public.get("/skm?periode=2026-T4").status_code == 404
    app.clock.advance(days=45)
    preview = kepala.get("/admin/skm?periode=2026-T4").text
    assert "81,94" in preview and "belum diterbitkan" in preview
    assert _publish(kepala, "2026-T4").status_code == 302
    assert _publish(kepala, "2026-T4").status_code == 409
    page = kepala.get("/admin/skm?periode=2026-T4").text
    saved = kepala.post("/admin/skm/tindak-lanjut", data={
        "csrf_token": csrf_from(page), "periode": "2026-T4", "element": "U3",
        "plan": "Menambah satu petugas pada jam sibuk", "status": "berjalan"})
    assert saved.status_code == 302
    shown = public.get("/skm").text
    assert "Triwulan IV 2026" in shown
    assert "81,94" in shown and "Mutu B (Baik)" in shown
    for value in WORKED_NRR:
        assert f'<td class="num">{value}</td>' in shown
    assert "10 responden dari 10 pemohon yang dilayani; sampel minimum 10" in shown
    assert "jumlah responden memenuhi" in shown
    assert "Menambah satu petugas pada jam sibuk" in shown and "Sedang dikerjakan" in shown
    assert "Budi" not in shown and "Budi" not in preview  # citizen text is never published
    assert "Semester II 2026" not in shown  # published: only the quarter


def test_the_sample_rule_at_its_boundary_on_the_page(app_under_test: AppUnderTest) -> None:
    """15 served need 14 answers (the table's row); a 16th served needs all 16 (row of 20
    would ask 19, more than were served)."""
    app = app_under_test
    app.add_user("siti", Role.PETUGAS)
    app.add_user("kepala", Role.ADMIN)
    staff = app.bearer("siti")
    sheet = worked_example_sheets()[0]
    tickets = [app.served_ticket(staff) for _ in range(15)]
    for ticket in tickets[:14]:
        assert answer_by_form(app.client(), ticket, sheet, PROFILE).status_code == 200
    app.clock.advance(days=45)
    kepala = app.signed_in("kepala")
    _publish(kepala, "2026-T4")
    shown = app.client().get("/skm?periode=2026-T4").text
    assert "14 responden dari 15 pemohon yang dilayani; sampel minimum 14" in shown
    assert "jumlah responden memenuhi" in shown


def test_one_more_served_than_the_row_allows_falls_short(app_under_test: AppUnderTest) -> None:
    app = app_under_test
    app.add_user("siti", Role.PETUGAS)
    app.add_user("kepala", Role.ADMIN)
    staff = app.bearer("siti")
    sheet = worked_example_sheets()[0]
    tickets = [app.served_ticket(staff) for _ in range(16)]
    for ticket in tickets[:15]:
        assert answer_by_form(app.client(), ticket, sheet, PROFILE).status_code == 200
    app.clock.advance(days=45)
    _publish(app.signed_in("kepala"), "2026-T4")
    shown = app.client().get("/skm?periode=2026-T4").text
    assert "15 responden dari 16 pemohon yang dilayani; sampel minimum 16" in shown
    assert "jumlah responden belum memenuhi" in shown


def test_bad_input_is_answered_in_indonesian(app_under_test: AppUnderTest) -> None:
    app = app_under_test
    assert app.client().get("/skm?periode=kemarin").status_code == 422
    app.add_user("kepala", Role.ADMIN)
    kepala = app.signed_in("kepala")
    app.clock.advance(days=45)
    page = kepala.get("/admin/skm?periode=2026-T4").text
    empty = kepala.post("/admin/skm/tindak-lanjut", data={
        "csrf_token": csrf_from(page), "periode": "2026-T4", "element": "U3", "plan": " ",
        "status": "rencana"})
    assert empty.status_code == 422 and "Tuliskan rencana tindak lanjut" in empty.text
    odd = kepala.get("/admin/skm?periode=2026-T9")
    assert odd.status_code == 422 and "Periode tidak dikenal" in odd.text
