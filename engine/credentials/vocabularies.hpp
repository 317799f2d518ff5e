// SPDX-License-Identifier: Apache-2.0
// Controlled vocabularies credentials name their values by, in one place: the EU vocabularies
// of the European Learning Model (concept URIs under http://data.europa.eu/snb/), the SURF
// edubadges extensions of Open Badges 3.0, and ISO 3166 country codes. Each table names its
// source. A value is recognised by its concept URI first, then by its label in any of the
// languages listed (EU labels exist in 24+ languages; those of the credentials met so far
// and of the EU's working languages are listed).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace cadre::credentials {

/// The form of participation (certificate `participation`, EU Annex I (10)) for a learning
/// mode: an ELM `mode` concept (http://data.europa.eu/snb/learning-assessment/25831c2), its
/// label, or an edubadges `participationType` ("online", "onsite or blended", ...).
std::optional<std::string> participation_of(std::string_view uri_or_label);

/// The supervision and identity verification (certificate `supervision`, EU Annex I,
/// optional) for an ELM `idVerification` concept
/// (http://data.europa.eu/snb/supervision-verification/25831c2), its label, or an edubadges
/// `supervisionType` ("onsite with identity verification", ...).
std::optional<std::string> supervision_of(std::string_view uri_or_label);

/// True for ECTS in the EU education-credit vocabulary
/// (http://data.europa.eu/snb/education-credit/25831c2) or a label naming it.
bool is_ects_framework(std::string_view uri_or_label);

/// True for a level of the EQF vocabulary (http://data.europa.eu/snb/eqf/25831c2: .../eqf/1
/// to .../eqf/8), a framework written "EQF" / "European Qualifications Framework", or the
/// edubadges alignment `targetType` "ext:EQF".
bool names_eqf(std::string_view uri_or_label);

/// True for an alignment `targetType` or framework that is a quality-assurance decision
/// (edubadges "ext:QualityAssurance"; EU accreditation vocabulary
/// http://data.europa.eu/snb/accreditation/25831c2).
bool names_quality_assurance(std::string_view uri_or_label);

/// True for an alignment that certifies a competence or skill: Open Badges 3.0
/// AlignmentTargetType (§B.1.3) `ceasn:Competency`, `CFItem`, `CTDL` ... , an ESCO skill or
/// competence URI (http://data.europa.eu/esco/skill/), or a competence framework named as such.
bool names_competence(std::string_view target_type, std::string_view framework, std::string_view url);

/// An ISO 3166-1 alpha-2 code for `FR`, `fr`, `FRA` or `.../authority/country/FRA`; anything
/// else is returned as written, for the rules to report.
std::string country_code(const std::string& written);

}  // namespace cadre::credentials
