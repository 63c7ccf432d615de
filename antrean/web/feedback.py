"""The citizen-feedback pages as one set: survey, IKM report, service standards, complaints."""

from __future__ import annotations

from flask import Blueprint

from antrean.web.complaint_pages import complaint_admin, complaint_pages
from antrean.web.ikm_pages import ikm_admin, ikm_api
from antrean.web.skm_admin import skm_admin
from antrean.web.standard_admin import standard_admin
from antrean.web.standards_pages import standards_pages
from antrean.web.survey_pages import survey_pages
from antrean.web.transparency_pages import maklumat_pages


def feedback_blueprints() -> tuple[Blueprint, ...]:
    return (survey_pages, ikm_admin, ikm_api, standards_pages, complaint_pages,
            complaint_admin, standard_admin, maklumat_pages, skm_admin)
