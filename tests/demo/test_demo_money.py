"""The demo's money: payments by every route, some families behind, unmatched TFC payments."""

from __future__ import annotations

from hubdesk.app import HubApp


def test_demo_has_money_to_show(demo_hub: HubApp) -> None:
    money = demo_hub.money
    today = demo_hub.clock.today()
    export = money.accounts.finance_export(today.replace(month=9, day=1), today)
    assert {r.route for r in export.ledger if r.kind == "payment"} == {
        "Bank transfer", "Card", "Cash", "Tax-Free Childcare", "Childcare voucher",
        "Universal Credit"}
    assert len(money.payments.unmatched_tfc()) == 4
    arrears = money.accounts.arrears()
    assert 5 <= len(arrears) <= 200 and all(r.total > 0 for r in arrears)
    assert money.prices.rules().payee == "Ashworth Extended Schools Hub"
    assert any(r.next_change for r in money.prices.prices())


def test_the_demo_costs_every_staff_role_so_club_viability_has_staff_costs(demo_hub: HubApp) -> None:
    from hubdesk.core.vocabulary import STAFF_ROLES
    from hubdesk.services.overview import PeriodChoice

    figures = demo_hub.overview.figures.overview(PeriodChoice("term"))
    rated = {r.role for r in demo_hub.overview.figures.rates()}
    assert not figures.missing_rates and set(STAFF_ROLES) <= rated
    assert sum(row.staff_cost_pence for row in figures.viability) > 0
