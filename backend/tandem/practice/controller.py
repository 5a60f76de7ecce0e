"""The journal's routes: the space's patient only. For anyone else they answer 404, like a route
of a space without a journal, so not even the existence of a journal is revealed."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Annotated

from litestar import Controller, delete, get, post, put
from litestar.di import NamedDependency, Provide
from litestar.params import FromPath, JSONBody, QueryParameter
from litestar.status_codes import HTTP_201_CREATED, HTTP_204_NO_CONTENT
from sqlalchemy.ext.asyncio import AsyncSession

from tandem.access.membership import Member, require_patient
from tandem.core.errors import MEMBER_READ, MEMBER_WRITE, problems
from tandem.core.paging import DEFAULT_PAGE_SIZE, CursorText, PageSize
from tandem.practice.schemas import (
    ClinicianPlanIn,
    ClinicianPlanOut,
    DilatorSetIn,
    EntryIn,
    EntryOut,
    EntryPage,
    GoalIn,
    GoalOut,
    OverviewOut,
    ProgressOut,
    ReportOut,
    SettingsIn,
    SettingsOut,
    SizeOut,
)
from tandem.practice.service import PracticeService

Day = Annotated[date | None, QueryParameter(description="A date in the patient's time zone (YYYY-MM-DD)")]
TimeZone = Annotated[
    str,
    QueryParameter(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_+\-/]+$", description="An IANA time zone name"),
]

ConfirmDuplicate = Annotated[
    bool, QueryParameter(description="Save even if a near-identical entry exists (the patient confirmed)")
]


def provide_practice(member: NamedDependency[Member], db_session: NamedDependency[AsyncSession]) -> PracticeService:
    require_patient(member)
    return PracticeService(db_session, member)


class PracticeController(Controller):
    path = "/api/v1/spaces/{space_id:uuid}/practice"
    tags = ["practice"]
    dependencies = {"practice": Provide(provide_practice, sync_to_thread=False)}

    # --- entries ---------------------------------------------------------------------------------
    @get("/entries", operation_id="listPracticeEntries", responses=problems(*MEMBER_READ))
    async def list_entries(
        self,
        practice: NamedDependency[PracticeService],
        cursor: CursorText = None,
        limit: PageSize = DEFAULT_PAGE_SIZE,
    ) -> EntryPage:
        """The journal, newest first."""
        return await practice.list_entries(cursor, limit)

    @post(
        "/entries",
        operation_id="createPracticeEntry",
        responses=problems(*MEMBER_WRITE, 409),
        status_code=HTTP_201_CREATED,
    )
    async def create_entry(
        self,
        practice: NamedDependency[PracticeService],
        data: JSONBody[EntryIn],
        confirm_duplicate: ConfirmDuplicate = False,
    ) -> EntryOut:
        """Log an entry. A near-identical one (same measures, practised within 10 minutes of an existing
        entry) answers 409 unless `confirm_duplicate=true` says the second copy is meant."""
        return await practice.create_entry(data, confirm_duplicate=confirm_duplicate)

    @get("/entries/{entry_id:uuid}", operation_id="getPracticeEntry", responses=problems(*MEMBER_READ))
    async def get_entry(self, practice: NamedDependency[PracticeService], entry_id: FromPath[uuid.UUID]) -> EntryOut:
        return await practice.get_entry(entry_id)

    @put("/entries/{entry_id:uuid}", operation_id="updatePracticeEntry", responses=problems(*MEMBER_WRITE))
    async def update_entry(
        self, practice: NamedDependency[PracticeService], entry_id: FromPath[uuid.UUID], data: JSONBody[EntryIn]
    ) -> EntryOut:
        return await practice.update_entry(entry_id, data)

    @delete(
        "/entries/{entry_id:uuid}",
        operation_id="deletePracticeEntry",
        responses=problems(*MEMBER_WRITE),
        status_code=HTTP_204_NO_CONTENT,
    )
    async def delete_entry(self, practice: NamedDependency[PracticeService], entry_id: FromPath[uuid.UUID]) -> None:
        await practice.delete_entry(entry_id)

    # --- dilator set -----------------------------------------------------------------------------
    @get("/dilator-set", operation_id="getDilatorSet", responses=problems(*MEMBER_READ))
    async def get_set(self, practice: NamedDependency[PracticeService]) -> list[SizeOut]:
        """The sizes the patient owns, smallest first."""
        return await practice.list_set()

    @put("/dilator-set", operation_id="replaceDilatorSet", responses=problems(*MEMBER_WRITE))
    async def put_set(self, practice: NamedDependency[PracticeService], data: JSONBody[DilatorSetIn]) -> list[SizeOut]:
        """Describe the whole set. Sizes left out that past entries used are kept for those entries."""
        return await practice.replace_set(data)

    # --- settings and plan -----------------------------------------------------------------------
    @get("/settings", operation_id="getPracticeSettings", responses=problems(*MEMBER_READ))
    async def get_settings(self, practice: NamedDependency[PracticeService]) -> SettingsOut:
        return await practice.get_settings()

    @put("/settings", operation_id="updatePracticeSettings", responses=problems(*MEMBER_WRITE))
    async def put_settings(self, practice: NamedDependency[PracticeService], data: JSONBody[SettingsIn]) -> SettingsOut:
        """The readiness hint (on or off, and its thresholds) and the breathing pacer's timing."""
        return await practice.put_settings(data)

    @get("/plan", operation_id="getClinicianPlan", responses=problems(*MEMBER_READ))
    async def get_plan(self, practice: NamedDependency[PracticeService]) -> ClinicianPlanOut:
        return await practice.get_plan()

    @put("/plan", operation_id="updateClinicianPlan", responses=problems(*MEMBER_WRITE))
    async def put_plan(
        self, practice: NamedDependency[PracticeService], data: JSONBody[ClinicianPlanIn]
    ) -> ClinicianPlanOut:
        """The plan from the patient's clinician. Its values take the place of Tandem's defaults."""
        return await practice.put_plan(data)

    # --- goals -----------------------------------------------------------------------------------
    @get("/goals", operation_id="listGoals", responses=problems(*MEMBER_READ))
    async def list_goals(self, practice: NamedDependency[PracticeService]) -> list[GoalOut]:
        return await practice.list_goals()

    @post("/goals", operation_id="createGoal", responses=problems(*MEMBER_WRITE), status_code=HTTP_201_CREATED)
    async def create_goal(self, practice: NamedDependency[PracticeService], data: JSONBody[GoalIn]) -> GoalOut:
        return await practice.create_goal(data)

    @put("/goals/{goal_id:uuid}", operation_id="updateGoal", responses=problems(*MEMBER_WRITE))
    async def update_goal(
        self, practice: NamedDependency[PracticeService], goal_id: FromPath[uuid.UUID], data: JSONBody[GoalIn]
    ) -> GoalOut:
        return await practice.update_goal(goal_id, data)

    @delete(
        "/goals/{goal_id:uuid}",
        operation_id="deleteGoal",
        responses=problems(*MEMBER_WRITE),
        status_code=HTTP_204_NO_CONTENT,
    )
    async def delete_goal(self, practice: NamedDependency[PracticeService], goal_id: FromPath[uuid.UUID]) -> None:
        await practice.delete_goal(goal_id)

    # --- overview, progress, report --------------------------------------------------------------
    @get("/overview", operation_id="getPracticeOverview", responses=problems(*MEMBER_READ))
    async def overview(self, practice: NamedDependency[PracticeService]) -> OverviewOut:
        """Defaults for logging, the hold window, the pacer, and the gentle hints (welcome back, readiness)."""
        return await practice.overview()

    @get("/progress", operation_id="getPracticeProgress", responses=problems(*MEMBER_READ))
    async def progress(
        self,
        practice: NamedDependency[PracticeService],
        start: Day = None,
        end: Day = None,
        tz: TimeZone = "UTC",
    ) -> ProgressOut:
        """Chart data and plain-language highlights for a period (by default the last four weeks)."""
        return await practice.progress(start, end, tz)

    @get("/report", operation_id="getClinicianReport", responses=problems(*MEMBER_READ))
    async def report(
        self,
        practice: NamedDependency[PracticeService],
        start: Day = None,
        end: Day = None,
        tz: TimeZone = "UTC",
    ) -> ReportOut:
        """The journal of a period for the patient's clinician: sessions, chart data, goals and plan."""
        return await practice.report(start, end, tz)
