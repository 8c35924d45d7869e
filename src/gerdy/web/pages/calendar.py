"""Calendar: a month of the plan (`?month=YYYY-MM`, see `gerdy.web.calendar_view`), and the
coming weeks as an .ics download (signed in) and as a feed URL carrying the account's
unguessable calendar token (for calendar apps, which cannot sign in). Stable UIDs come from
`gerdy.calendar_feed`, so a re-import updates instead of duplicating; sessions start and remind
at the runner's chosen time (Settings)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request, Response

from gerdy.calendar_feed import ics_for_plans
from gerdy.services import Coach
from gerdy.services.accounts import Account
from gerdy.web.calendar_view import Month, month_of, month_view, next_month
from gerdy.web.pages.common import see_other
from gerdy.web.sessions import CurrentViewer, Viewer
from gerdy.web.state import app_state
from gerdy.web.templating import render

router = APIRouter(include_in_schema=False)
CALENDAR_DAYS = 28
ICS_TYPE = "text/calendar; charset=utf-8"


def calendar_text(coach: Coach, account: Account, first: dt.date) -> str:
    profile = coach.profile()
    plans = coach.plans(first, CALENDAR_DAYS)
    return ics_for_plans(
        plans,
        record_key=account.person_handle,
        tz=profile.timezone,
        units=profile.units,
        reminder_at=profile.reminder_time,
    )


def feed_url(request: Request, account: Account) -> str:
    """The feed's address, on `GERDY_PUBLIC_URL` when set (never a Host header alone)."""
    public = app_state(request).settings.public_url
    if public:
        path = request.app.url_path_for("calendar_feed", token=account.calendar_token)
        return public.rstrip("/") + str(path)
    return str(request.url_for("calendar_feed", token=account.calendar_token))


def month_of_plan(current: Viewer, first: dt.date) -> Month:
    """The month from `first`, with the plans of its days from day 1 on."""
    profile = current.profile()
    last = next_month(first) - dt.timedelta(days=1)
    begin = max(first, profile.start_date)
    plans = current.coach.plans(begin, (last - begin).days + 1) if last >= begin else []
    return month_view(
        first,
        plans,
        current.coach.events(),
        start=profile.start_date,
        today=current.today(),
        units=profile.units,
    )


@router.get("/calendar")
def calendar_page(
    request: Request,
    current: CurrentViewer,
    month: Annotated[str | None, Query(max_length=7)] = None,
) -> Response:
    first = month_of(month, current.today())
    return render(
        request,
        "calendar.html",
        {
            "title": "Calendar",
            "month": month_of_plan(current, first),
            "feed_url": feed_url(request, current.account),
            "days": CALENDAR_DAYS,
            "reminder_time": current.profile().reminder_time,
            # RTR-8: the road ahead as today's plan sees it, its date marked in the month
            "milestone": current.coach.plan(current.today()).next_milestone,
            "rules": current.coach.protocol.rules,
        },
    )


@router.get("/calendar.ics")
def calendar_download(current: CurrentViewer) -> Response:
    text = calendar_text(current.coach, current.account, current.today())
    headers = {"content-disposition": 'attachment; filename="gerdy.ics"'}
    return Response(text, media_type=ICS_TYPE, headers=headers)


@router.get("/calendar/feed/{token}.ics", name="calendar_feed")
def calendar_feed(request: Request, token: str) -> Response:
    state = app_state(request)
    account = state.accounts.by_calendar_token(token) if len(token) == 64 else None
    if account is None:
        raise HTTPException(404, "no such calendar feed")
    coach = state.coach_for(account.person_handle)
    text = calendar_text(coach, account, coach.today())
    return Response(text, media_type=ICS_TYPE, headers={"cache-control": "private, max-age=900"})


@router.post("/calendar/renew")
def renew_feed(request: Request, current: CurrentViewer) -> Response:
    app_state(request).accounts.renew_calendar_token(current.account.id)
    return see_other("/calendar?renewed=1")
