// SPDX-License-Identifier: Apache-2.0
// cadre-bench-gen: writes N synthetic course proposals (records.md, "kind: course")
// for benchmarking `cadre check`.
//
//   cadre-bench-gen N OUTDIR [SEED]
//
// Writes OUTDIR/course-00001.yaml ... OUTDIR/course-NNNNN.yaml. About one file in four
// carries exactly one defect (see Defect below); every other file is meant to pass
// every course rule of the cadre commun. The first line of each file is a YAML comment
// naming the defect ("valid" otherwise), so findings can be checked against it.
//
// Standard library only: the benchmark must build even where the engine's dependencies
// change, and the generator must not share code (or bugs) with what it feeds.

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "deterministic_random.hpp"

namespace {

namespace fs = std::filesystem;
namespace chr = std::chrono;

// ---------------------------------------------------------------------------------
// Randomness

using cadre::bench::Rng;

// ---------------------------------------------------------------------------------
// Vocabulary. Apostrophes are ASCII; every free-text string is emitted double-quoted.

struct University {
    std::string_view name;
    std::string_view domain;  // for contact addresses
};

// Consortium members (framework.md, §1).
constexpr University kUniversities[] = {
    {"Le Mans Université", "univ-lemans.fr"},
    {"Université Claude Bernard Lyon 1", "univ-lyon1.fr"},
    {"Université Clermont-Auvergne", "uca.fr"},
    {"Université de Bordeaux", "u-bordeaux.fr"},
    {"Université de Bretagne Occidentale", "univ-brest.fr"},
    {"Université de Caen-Normandie", "unicaen.fr"},
    {"CY Paris Université", "cyu.fr"},
    {"Université de Lille", "univ-lille.fr"},
    {"Université de Montpellier", "umontpellier.fr"},
    {"Université de Nîmes", "unimes.fr"},
    {"Université de Perpignan-Via Domitia", "univ-perp.fr"},
    {"Université de Rennes", "univ-rennes.fr"},
    {"Université de Rouen-Normandie", "univ-rouen.fr"},
    {"Université de Toulon", "univ-tln.fr"},
    {"Université Toulouse 3", "univ-tlse3.fr"},
    {"Université de Tours", "univ-tours.fr"},
    {"Université Jean Moulin Lyon 3", "univ-lyon3.fr"},
    {"Université Littoral Côte d'Opale", "univ-littoral.fr"},
    {"Université Paul Valéry Montpellier 3", "univ-montp3.fr"},
};

struct Person {
    std::string_view given;
    bool feminine;  // picks the matching form of the job title
};

constexpr Person kGivenNames[] = {
    {"Jeanne", true},  {"Camille", true},  {"Awa", true},     {"Claire", true},
    {"Inès", true},    {"Sophie", true},   {"Nadia", true},   {"Élise", true},
    {"Hélène", true},  {"Louise", true},   {"Thomas", false}, {"Karim", false},
    {"Julien", false}, {"Mathieu", false}, {"Yann", false},   {"François", false},
    {"Olivier", false}, {"Mehdi", false},  {"Pierre", false}, {"Étienne", false},
};

constexpr std::string_view kFamilyNames[] = {
    "Martin",  "Bernard", "Dubois", "Thomas",  "Robert",   "Richard", "Petit",
    "Durand",  "Leroy",   "Moreau", "Simon",   "Laurent",  "Lefebvre", "Michel",
    "Garcia",  "David",   "Bertrand", "Roux",  "Vincent",  "Fournier", "Morel",
    "Girard",  "André",   "Mercier", "Diallo", "Benali",   "Nguyen",  "Le Gall",
};

struct Role {
    std::string_view masculine;
    std::string_view feminine;
};

constexpr Role kExpertRoles[] = {
    {"Maître de conférences", "Maîtresse de conférences"},
    {"Professeur des universités", "Professeure des universités"},
    {"Ingénieur pédagogique", "Ingénieure pédagogique"},
    {"Enseignant-chercheur", "Enseignante-chercheuse"},
    {"Professeur agrégé", "Professeure agrégée"},
};

// A course theme: coherent title, competences, outcomes and one criterion per outcome.
struct Theme {
    std::string_view title;
    std::string_view competences[2];
    std::string_view outcomes[5];
    std::string_view criteria[5];  // criteria[i] assesses outcomes[i]
    std::string_view professional;
};

constexpr Theme kThemes[] = {
    {"Concevoir une situation d'apprentissage et d'évaluation",
     {"Concevoir une SAE alignée", "Évaluer par compétences"},
     {"Formuler des acquis d'apprentissage évaluables", "Construire une grille critériée",
      "Scénariser une tâche authentique", "Aligner activités et évaluation",
      "Rédiger des consignes explicites"},
     {"Les acquis sont formulés avec un verbe d'action",
      "La grille distingue critères et indicateurs",
      "La tâche reproduit une situation professionnelle réelle",
      "Chaque activité prépare au moins un critère",
      "Les consignes précisent la production attendue et les délais"},
     "Co-conçu avec deux organismes de formation"},
    {"Animer une classe virtuelle engageante",
     {"Animer une séance synchrone", "Favoriser l'interaction à distance"},
     {"Préparer le déroulé d'une classe virtuelle", "Utiliser les outils d'interaction",
      "Gérer la dynamique d'un groupe à distance", "Réguler les incidents techniques",
      "Recueillir un retour des participants"},
     {"Le déroulé minuté comporte des temps d'interaction",
      "Au moins trois outils d'interaction sont mobilisés à bon escient",
      "Chaque participant est sollicité au moins une fois",
      "Une solution de repli est prévue pour chaque incident courant",
      "Le questionnaire de fin de séance est exploité"},
     "Études de cas fournies par des centres de formation d'apprentis"},
    {"Rendre accessibles ses ressources pédagogiques numériques",
     {"Produire des ressources accessibles", "Auditer l'accessibilité d'un cours"},
     {"Identifier les principaux obstacles d'accès", "Structurer un document accessible",
      "Sous-titrer et transcrire une vidéo", "Vérifier la conformité au RGAA",
      "Proposer des aménagements raisonnables"},
     {"Les obstacles relevés couvrent les quatre familles de handicap",
      "Titres, listes et alternatives textuelles sont correctement balisés",
      "Les sous-titres sont synchronisés et complets",
      "La grille d'audit RGAA est renseignée et argumentée",
      "Les aménagements proposés sont proportionnés et réalistes"},
     "Réalisé avec une association d'usagers et un cabinet d'audit RGAA"},
    {"Protéger les données personnelles des apprenants",
     {"Appliquer le RGPD en formation", "Informer les apprenants de leurs droits"},
     {"Cartographier les traitements de données d'un dispositif",
      "Déterminer la base légale d'un traitement", "Rédiger une mention d'information",
      "Fixer des durées de conservation", "Traiter une demande d'exercice des droits"},
     {"Le registre recense tous les traitements du dispositif",
      "La base légale retenue est justifiée",
      "La mention d'information est complète et lisible",
      "Les durées de conservation respectent le référentiel de la CNIL",
      "La réponse est apportée dans le délai légal d'un mois"},
     "Co-construit avec des délégués à la protection des données d'entreprises"},
    {"Piloter un projet de formation à distance",
     {"Planifier un projet de formation", "Coordonner une équipe projet"},
     {"Rédiger une note de cadrage", "Établir un rétroplanning réaliste",
      "Estimer le budget et le seuil de rentabilité", "Animer un comité de suivi",
      "Conduire un bilan de fin de projet"},
     {"La note de cadrage précise objectifs, public et livrables",
      "Le rétroplanning identifie le chemin critique",
      "Le budget distingue coûts fixes et coûts variables",
      "Le compte rendu du comité liste décisions et responsables",
      "Le bilan propose des actions d'amélioration datées"},
     "Témoignages et cas réels de responsables de formation en entreprise"},
    {"Tutorer à distance et prévenir le décrochage",
     {"Accompagner les apprenants à distance", "Prévenir l'abandon en formation"},
     {"Définir un plan de tutorat", "Repérer les signaux faibles de décrochage",
      "Rédiger des messages de relance motivants", "Conduire un entretien de remobilisation",
      "Tenir un tableau de suivi des jalons"},
     {"Le plan de tutorat précise fréquence et canaux de contact",
      "Les indicateurs de décrochage sont mesurables",
      "Les relances sont personnalisées et bienveillantes",
      "L'entretien aboutit à un engagement daté",
      "Le tableau de suivi est à jour et exploitable"},
     "Conçu avec des tuteurs de plateformes de formation professionnelle"},
    {"Évaluer les apprentissages avec des outils numériques",
     {"Concevoir des évaluations numériques", "Exploiter les résultats d'évaluation"},
     {"Choisir une modalité d'évaluation adaptée", "Rédiger des questions à choix multiples fiables",
      "Paramétrer un test dans la plateforme", "Analyser les résultats d'un test",
      "Formuler une rétroaction utile"},
     {"Le choix de la modalité est justifié par les acquis visés",
      "Les distracteurs sont plausibles et non ambigus",
      "Le paramétrage respecte les aménagements prévus",
      "L'analyse identifie les items peu discriminants",
      "La rétroaction indique comment progresser"},
     "Appuyé sur les pratiques d'évaluation de trois organismes certificateurs"},
    {"Scénariser un module de formation hybride",
     {"Scénariser un parcours multimodal", "Articuler synchrone et asynchrone"},
     {"Analyser le besoin de formation", "Découper un module en séquences",
      "Choisir les modalités synchrones et asynchrones", "Rédiger un storyboard",
      "Prévoir les jalons de suivi"},
     {"L'analyse du besoin s'appuie sur des données recueillies",
      "Chaque séquence a un objectif et une durée",
      "Le choix des modalités est argumenté",
      "Le storyboard est exploitable par un médiatiseur",
      "Les jalons couvrent l'ensemble du parcours"},
     "Co-conçu avec le service formation d'un groupe hospitalier"},
    {"Produire des vidéos pédagogiques courtes",
     {"Réaliser une capsule vidéo", "Diffuser une vidéo accessible"},
     {"Écrire le script d'une capsule", "Préparer un tournage simple",
      "Monter une vidéo de moins de six minutes", "Ajouter sous-titres et transcription",
      "Publier la vidéo sur la plateforme"},
     {"Le script tient en une idée clé par capsule", "La prise de son est intelligible",
      "Le montage respecte la durée cible", "Les sous-titres sont exacts et synchronisés",
      "La vidéo est publiée avec une licence explicite"},
     "Réalisé avec des vidéastes de la production audiovisuelle régionale"},
    {"Exploiter les données d'apprentissage",
     {"Analyser des traces d'apprentissage", "Piloter un dispositif par les données"},
     {"Extraire les traces d'activité d'une plateforme", "Construire des indicateurs de suivi",
      "Visualiser la progression d'une cohorte", "Interpréter les indicateurs avec prudence",
      "Proposer des actions de remédiation"},
     {"L'extraction respecte la minimisation des données",
      "Chaque indicateur est défini et calculable",
      "La visualisation est lisible sans légende superflue",
      "Les limites de l'interprétation sont explicitées",
      "Les actions proposées sont ciblées et datées"},
     "Élaboré avec une entreprise de la filière EdTech"},
    {"Intégrer l'intelligence artificielle générative dans ses enseignements",
     {"Utiliser l'IA générative de façon raisonnée", "Adapter ses évaluations à l'IA"},
     {"Décrire le fonctionnement d'un modèle de langage", "Rédiger des consignes efficaces",
      "Vérifier les productions d'une IA", "Définir une charte d'usage pour un cours",
      "Adapter une évaluation à l'usage de l'IA"},
     {"La description distingue génération et recherche d'information",
      "Les consignes précisent rôle, contexte et format attendu",
      "Les erreurs factuelles sont repérées et corrigées",
      "La charte précise usages autorisés et interdits",
      "L'évaluation adaptée porte sur la démarche de l'apprenant"},
     "Co-conçu avec des formateurs de deux branches professionnelles"},
    {"Conduire une démarche qualité en formation continue",
     {"Appliquer le référentiel Qualiopi", "Améliorer un dispositif de formation"},
     {"Identifier les indicateurs applicables", "Constituer les preuves d'un indicateur",
      "Mettre en place une enquête de satisfaction", "Tenir un registre des réclamations",
      "Piloter un plan d'amélioration continue"},
     {"Les indicateurs non applicables sont justifiés",
      "Chaque preuve est datée et rattachée à un indicateur",
      "L'enquête distingue satisfaction et impact professionnel",
      "Chaque réclamation reçoit une réponse tracée",
      "Les actions d'amélioration ont un responsable et une échéance"},
     "Conçu avec des auditeurs d'organismes certificateurs accrédités"},
};

constexpr std::string_view kActivityKinds[] = {
    "video", "reading", "quiz", "forum", "exercise", "project", "case_study",
};

constexpr std::string_view kAssessmentTypes[] = {
    "Étude de cas en situation d'apprentissage et d'évaluation",
    "Projet tutoré avec soutenance en visioconférence",
    "Production d'un livrable professionnel commenté",
    "Portfolio et entretien d'explicitation",
    "Mise en situation professionnelle simulée",
};

constexpr std::string_view kDurations[] = {"PT1H", "PT1H30M", "PT2H", "PT3H"};

constexpr std::string_view kAccommodations[] = {
    "Tiers temps, supports adaptés sur demande au référent handicap",
    "Tiers temps et documents agrandis, sur avis du référent handicap",
    "Aménagements définis avec le référent handicap avant l'évaluation",
};

constexpr std::string_view kAbsencePolicies[] = {
    "Absence justifiée sous 48 h : report à la session de rattrapage ; absence injustifiée : ajourné",
    "Retard de plus de 15 minutes : accès refusé ; absence justifiée : nouvelle convocation",
};

constexpr std::string_view kAppealProcedures[] = {
    "Recours gracieux auprès du président du jury sous deux mois, puis recours devant le tribunal administratif",
    "Demande de révision motivée adressée au service de formation continue sous 15 jours",
};

constexpr std::string_view kResitPolicies[] = {
    "Une session de rattrapage dans les quatre semaines suivant la délibération",
    "Rattrapage unique sur la session suivante, sans frais supplémentaires",
};

constexpr std::string_view kProctoringSolutions[] = {
    "Télésurveillance synchrone par un surveillant de l'université",
    "Surveillance par webcam et partage d'écran, enregistrement conservé 30 jours",
};

constexpr std::string_view kPrerequisites[] = {
    "Aucun",
    "Expérience d'enseignement ou de formation d'au moins un an",
    "Usage courant d'un environnement numérique de travail",
};

constexpr std::string_view kPathways[] = {"DIU-IFD", "DU-PEDNUM", "DIU-QUALIF", "LP-MFA"};

constexpr std::string_view kVirtualClassTimes[] = {"12:30", "17:30", "18:00"};

// The eight mentions of DFCU-6.1-mandatory, as assessment keys.
constexpr std::string_view kAssessmentMentions[] = {
    "type",          "duration",         "disability_accommodations", "absence_policy",
    "appeal_procedure", "resit_policy", "criteria",                  "jury",
};

// ---------------------------------------------------------------------------------
// Defects

enum class Defect {
    none,
    workload_out_of_range,        // workload_hours outside 7..30 (DFCU-8.1)
    assessment_mention_missing,   // one of the eight keys absent (DFCU-6.1)
    distance_unproctored,         // distance, unsupervised, no proctoring (DFCU-6.2)
    calendar_no_assessments,      // calendar.assessments absent (DFCU-8.3)
    calendar_class_after_end,     // a virtual class after calendar.end (DFCU-8.3)
};

std::string defect_label(Defect d, std::string_view missing_mention) {
    switch (d) {
        case Defect::none: return "valid";
        case Defect::workload_out_of_range: return "workload_out_of_range";
        case Defect::assessment_mention_missing:
            return "assessment_mention_missing (assessment." + std::string(missing_mention) + ")";
        case Defect::distance_unproctored: return "distance_unproctored";
        case Defect::calendar_no_assessments: return "calendar_no_assessments";
        case Defect::calendar_class_after_end: return "calendar_class_after_end";
    }
    return "valid";
}

// ---------------------------------------------------------------------------------
// Formatting helpers

// Double-quoted YAML scalar. Our strings hold no control characters, so escaping the
// backslash and the quote is enough.
std::string q(std::string_view s) {
    std::string out;
    out.reserve(s.size() + 2);
    out += '"';
    for (const char c : s) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    out += '"';
    return out;
}

std::string iso_date(chr::sys_days day) {
    const chr::year_month_day ymd{day};
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
    return buf;
}

std::string padded(std::size_t n, int width) {
    std::string digits = std::to_string(n);
    if (static_cast<int>(digits.size()) < width)
        digits.insert(0, static_cast<std::size_t>(width) - digits.size(), '0');
    return digits;
}

std::string join(const std::vector<std::string>& items, std::string_view sep) {
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i != 0) out += sep;
        out += items[i];
    }
    return out;
}

// "[LO1, LO3]"
std::string outcome_list(const std::vector<int>& indices) {
    std::vector<std::string> ids;
    ids.reserve(indices.size());
    for (const int i : indices) ids.push_back("LO" + std::to_string(i + 1));
    return "[" + join(ids, ", ") + "]";
}

std::string full_name(Rng& rng, const Person& p) {
    return std::string(p.given) + " " + std::string(rng.pick(kFamilyNames));
}

// ---------------------------------------------------------------------------------
// One course

struct Activity {
    std::string kind;
    int hours = 1;
    std::vector<int> outcomes;  // indices into the theme's outcomes
};

std::string make_course(std::size_t index, std::uint32_t seed, bool& has_defect) {
    Rng rng(seed, static_cast<std::uint32_t>(index));

    // Decide the defect first so the rest of the record can be shaped around it.
    Defect defect = Defect::none;
    std::string_view missing_mention;
    if (rng.chance(1, 4)) {
        switch (rng.between(0, 3)) {
            case 0: defect = Defect::workload_out_of_range; break;
            case 1:
                defect = Defect::assessment_mention_missing;
                missing_mention = rng.pick(kAssessmentMentions);
                break;
            case 2: defect = Defect::distance_unproctored; break;
            default:
                defect = rng.chance(1, 2) ? Defect::calendar_no_assessments
                                          : Defect::calendar_class_after_end;
                break;
        }
    }
    has_defect = defect != Defect::none;
    const auto omits = [&](std::string_view key) {
        return defect == Defect::assessment_mention_missing && missing_mention == key;
    };

    const Theme& theme = rng.pick(kThemes);
    const std::string id = "UC-GEN-2025-" + padded(index, 5);

    // People and institutions. Producer and participants are distinct universities.
    std::vector<int> uni_order(std::size(kUniversities));
    for (std::size_t i = 0; i < uni_order.size(); ++i) uni_order[i] = static_cast<int>(i);
    rng.shuffle(uni_order);
    const University& producer = kUniversities[uni_order[0]];
    const int n_participants = rng.between(1, 4);

    std::vector<int> person_order(std::size(kGivenNames));
    for (std::size_t i = 0; i < person_order.size(); ++i) person_order[i] = static_cast<int>(i);
    rng.shuffle(person_order);  // distinct given names, hence distinct people
    std::size_t next_person = 0;
    const auto new_person = [&]() -> const Person& { return kGivenNames[person_order[next_person++]]; };

    const Person& expert_p = new_person();
    const std::string expert = full_name(rng, expert_p);
    const Role& expert_role = rng.pick(kExpertRoles);
    const std::string colleague = full_name(rng, new_person());
    const std::string tutor1 = full_name(rng, new_person());
    const std::string tutor2 = full_name(rng, new_person());
    const std::string external = full_name(rng, new_person());

    // Workload and activities (milestones). Hours add up to workload_hours, also for a
    // workload defect, so that the workload range is the only thing wrong.
    int workload = rng.between(7, 30);
    if (defect == Defect::workload_out_of_range) {
        constexpr int kOutOfRange[] = {4, 5, 6, 31, 35, 40};
        workload = rng.pick(kOutOfRange);
    }
    const int n_activities = std::min(rng.between(2, 8), workload);
    const int n_classes = rng.between(1, std::min(3, n_activities - 1));
    const int n_outcomes = rng.between(2, std::min(5, n_activities));

    std::vector<Activity> activities(static_cast<std::size_t>(n_activities));
    for (int i = 0; i < n_activities; ++i) {
        Activity& a = activities[static_cast<std::size_t>(i)];
        a.kind = i < n_classes ? "virtual_class" : std::string(rng.pick(kActivityKinds));
    }
    rng.shuffle(activities);
    // Every activity has at least one hour; virtual classes get at most two; the rest of
    // the learner time goes to asynchronous work.
    int remaining = workload - n_activities;
    for (Activity& a : activities)
        if (a.kind == "virtual_class" && remaining > 0 && rng.chance(1, 2)) {
            ++a.hours;
            --remaining;
        }
    std::vector<std::size_t> async_idx;
    for (std::size_t i = 0; i < activities.size(); ++i)
        if (activities[i].kind != "virtual_class") async_idx.push_back(i);
    for (; remaining > 0; --remaining)
        ++activities[async_idx[static_cast<std::size_t>(
                         rng.between(0, static_cast<int>(async_idx.size()) - 1))]]
              .hours;
    // Coverage: activity i covers outcome i mod n_outcomes (n_activities >= n_outcomes,
    // so every outcome is covered), sometimes plus a second one.
    for (int i = 0; i < n_activities; ++i) {
        Activity& a = activities[static_cast<std::size_t>(i)];
        const int first = i % n_outcomes;
        a.outcomes.push_back(first);
        if (rng.chance(1, 3)) {
            const int second = rng.between(0, n_outcomes - 1);
            if (second != first) a.outcomes.push_back(second);
        }
        std::sort(a.outcomes.begin(), a.outcomes.end());
    }

    // Competences split the outcomes between one or two competences.
    const int n_competences = rng.chance(1, 2) ? 1 : 2;

    // Calendar: a Monday start in 2025, a Friday end 6 to 12 weeks later.
    const chr::sys_days first_monday = chr::sys_days{chr::year{2025} / chr::January / 6};
    const chr::sys_days start = first_monday + chr::days{7 * rng.between(0, 36)};
    const int weeks = rng.between(6, 12);
    const chr::sys_days end = start + chr::days{7 * (weeks - 1) + 4};
    // Virtual classes: spread over weeks 2 .. weeks-1, Monday to Thursday.
    std::vector<std::string> classes;
    const std::string_view class_time = rng.pick(kVirtualClassTimes);
    const int span_weeks = weeks - 2;  // >= 4
    for (int i = 0; i < n_classes; ++i) {
        const int week = 1 + (i * span_weeks) / n_classes + rng.between(0, span_weeks / n_classes - 1);
        chr::sys_days day = start + chr::days{7 * week + rng.between(0, 3)};
        if (defect == Defect::calendar_class_after_end && i == n_classes - 1)
            day = end + chr::days{rng.between(3, 20)};
        classes.push_back(iso_date(day) + "T" + std::string(class_time));
    }
    // Assessment on the Monday of the last week, sometimes a second (resit) on the Friday.
    std::vector<std::string> assessments{iso_date(end - chr::days{4})};
    if (rng.chance(1, 3)) assessments.push_back(iso_date(end));

    // Governance dates, all before the start.
    const chr::sys_days approved = start - chr::days{rng.between(60, 200)};
    const chr::sys_days cfvu = approved + chr::days{rng.between(7, 40)};
    const chr::sys_days published = approved + chr::days{rng.between(41, 55)};

    const bool distance = defect == Defect::distance_unproctored || rng.chance(2, 3);
    const bool qualiopi = rng.chance(2, 3);

    // ---- emit ----
    std::string y;
    y.reserve(6000);
    const auto line = [&y](std::string_view s) {
        y += s;
        y += '\n';
    };

    line("# cadre-bench-gen: " + defect_label(defect, missing_mention));
    line("kind: course");
    line("id: " + id);
    line("title: " + q(theme.title));
    line("language: fr");
    line("producer:");
    line("  university: " + q(producer.name));
    line("  expert: { name: " + q(expert) + ", role: " +
         q(expert_p.feminine ? expert_role.feminine : expert_role.masculine) + " }");
    line("participants:");
    for (int i = 1; i <= n_participants; ++i) {
        line("  - university: " + q(kUniversities[uni_order[static_cast<std::size_t>(i)]].name));
        line("    administrative_support: true");
        line("    tutoring_hours: " + std::to_string(rng.between(2, 10)));
    }
    line("workload_hours: " + std::to_string(workload));
    // 1 ECTS is 25 to 30 hours of learner time; only state it where it is plausible.
    if (workload >= 20 && workload <= 30) line("ects: 1");
    line("level: { framework: EQF, value: " + std::to_string(rng.between(5, 7)) + " }");
    line(std::string("modality: ") + (distance ? "distance" : "hybrid"));

    line("competences:");
    for (int c = 0; c < n_competences; ++c) {
        std::vector<int> outs;
        const int split = n_outcomes / 2;
        for (int o = 0; o < n_outcomes; ++o)
            if (n_competences == 1 || (c == 0 ? o < split : o >= split)) outs.push_back(o);
        line("  - { id: C" + std::to_string(c + 1) + ", label: " +
             q(theme.competences[c]) + ", outcomes: " + outcome_list(outs) + " }");
    }
    line("outcomes:");
    for (int o = 0; o < n_outcomes; ++o)
        line("  - { id: LO" + std::to_string(o + 1) + ", text: " + q(theme.outcomes[o]) + " }");
    line("professional_contribution: " + q(theme.professional));
    if (rng.chance(3, 5)) {
        const int certification = rng.between(34000, 39999);
        const int block = rng.between(1, 9);
        line("rncp_blocks: [RNCP" + std::to_string(certification) + "BC" +
             padded(static_cast<std::size_t>(block), 2) + "]");
    }

    line("activities:");
    for (std::size_t i = 0; i < activities.size(); ++i) {
        const Activity& a = activities[i];
        line("  - { id: J" + std::to_string(i + 1) + ", kind: " + a.kind +
             ", hours: " + std::to_string(a.hours) + ", outcomes: " + outcome_list(a.outcomes) + " }");
    }

    line("calendar:");
    line("  start: " + iso_date(start));
    line("  end: " + iso_date(end));
    line("  virtual_classes: [" + join(classes, ", ") + "]");
    if (defect != Defect::calendar_no_assessments)
        line("  assessments: [" + join(assessments, ", ") + "]");

    line("assessment:");
    if (!omits("type")) line("  type: " + q(rng.pick(kAssessmentTypes)));
    line("  authentic_task: true");
    if (!omits("duration")) line("  duration: " + std::string(rng.pick(kDurations)));
    if (!omits("disability_accommodations"))
        line("  disability_accommodations: " + q(rng.pick(kAccommodations)));
    if (!omits("absence_policy")) line("  absence_policy: " + q(rng.pick(kAbsencePolicies)));
    if (!omits("appeal_procedure"))
        line("  appeal_procedure: " + q(rng.pick(kAppealProcedures)));
    if (!omits("resit_policy")) line("  resit_policy: " + q(rng.pick(kResitPolicies)));
    if (!omits("criteria")) {
        line("  criteria:");
        for (int o = 0; o < n_outcomes; ++o)
            line("    - { id: K" + std::to_string(o + 1) + ", text: " + q(theme.criteria[o]) +
                 ", outcomes: [LO" + std::to_string(o + 1) + "] }");
    }
    if (!omits("jury")) {
        line("  jury:");
        line("    - { name: " + q(expert) + ", role: president }");
        line("    - { name: " + q(colleague) + ", role: member }");
        if (rng.chance(1, 2)) line("    - { name: " + q(external) + ", role: member }");
    }
    if (distance) {
        line("  identity_verification: " + q("Pièce d'identité présentée à la caméra"));
        if (defect == Defect::distance_unproctored) {
            line("  supervision: unsupervised");
        } else {
            line("  supervision: proctored_online");
            line("  proctoring: { solution: " + q(rng.pick(kProctoringSolutions)) +
                 ", consent_required: true }");
        }
    } else {
        line("  identity_verification: " + q("Pièce d'identité contrôlée à l'entrée de la salle"));
        line("  supervision: supervised_onsite");
    }

    line("certificate_template:");
    line("  fields: [issuer_header, expert, title, holder_identity, competences, issue_date,");
    line("           issuer_country, level, signature]");
    line("pathways: [" + std::string(rng.pick(kPathways)) + "]");

    line("quality:");
    line("  ccf_compliant: true");
    line("  accessibility_reviewed: true");
    if (qualiopi) {
        line("  institution: qualiopi");
        const int year = rng.between(2021, 2024);
        const int number = rng.between(1, 99999);
        line("  qualiopi_certificate: " +
             q("Certificat n° " + std::to_string(year) + "-" +
               padded(static_cast<std::size_t>(number), 5) +
               " délivré par un organisme accrédité Cofrac"));
    } else {
        line("  institution: mesr_accredited");
    }
    line("  surveys: [during, after]");
    line("  cfvu_informed: " + iso_date(cfvu));

    const std::string domain(producer.domain);
    line("team:");
    line("  pedagogical: [" + q(expert) + ", " + q(colleague) + "]");
    line("  administrative: [" + q("Service formation continue") + "]");
    line("  tutors: [" + q(tutor1) + ", " + q(tutor2) + "]");
    line("  technical_support: " + q("Cellule d'appui numérique, support-fun@" + domain));

    std::vector<std::string> objectives;
    for (int o = 0; o < n_outcomes; ++o) objectives.emplace_back(theme.outcomes[o]);
    std::string slug = id;
    std::transform(slug.begin(), slug.end(), slug.begin(),
                   [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; });
    line("publication:");
    line("  platform: FUN");
    line("  url: " + q("https://www.fun-mooc.fr/fr/cours/" + slug + "/"));
    line("  published: " + iso_date(published));
    line("  prerequisites: " + q(rng.pick(kPrerequisites)));
    line("  objectives: " + q(join(objectives, " ; ")));
    line("  access_modalities: " + q("Inscription et paiement en ligne sur FUN, positionnement à l'entrée"));
    line("  access_delay: " + q("Inscriptions closes 7 jours avant le début de la session"));
    line("  price: { amount: " + std::to_string(50 * rng.between(6, 18)) + ", currency: EUR }");
    line("  contact: " + q("formation.continue@" + domain));
    line("  accessibility: " + q("Référent handicap : handicap@" + domain + " ; ressources conformes au RGAA"));
    line("  enrolment_online: true");
    line("  certification_modalities: " + q("Évaluation finale sur grille critériée ; micro-certification délivrée en cas de réussite"));
    line(std::string("brand: ") + (rng.chance(1, 2) ? "Micro-C" : "MC"));
    line("approval: { decision: approved, date: " + iso_date(approved) + " }");
    line("data_retention_years: " + std::to_string(rng.chance(1, 2) ? 5 : 3));
    line("gdpr_rights: " + q("Droits d'accès et de rectification auprès du DPO : dpo@" + domain));
    return y;
}

int usage() {
    std::cerr << "usage: cadre-bench-gen N OUTDIR [SEED]\n"
                 "  writes N course proposals OUTDIR/course-00001.yaml ...; SEED defaults to 1\n";
    return 2;
}

template <class T>
bool parse_number(std::string_view text, T& out) {
    const auto* last = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), last, out);
    return ec == std::errc{} && ptr == last;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 3 || argc > 4) return usage();
    std::size_t count = 0;
    std::uint32_t seed = 1;
    if (!parse_number(argv[1], count) || count == 0) {
        std::cerr << "cadre-bench-gen: N must be a positive integer, got '" << argv[1] << "'\n";
        return usage();
    }
    if (argc == 4 && !parse_number(argv[3], seed)) {
        std::cerr << "cadre-bench-gen: SEED must be an unsigned 32-bit integer, got '" << argv[3] << "'\n";
        return usage();
    }
    const fs::path outdir = argv[2];

    std::error_code ec;
    fs::create_directories(outdir, ec);
    if (ec) {
        std::cerr << "cadre-bench-gen: cannot create " << outdir.string() << ": " << ec.message() << '\n';
        return 2;
    }

    std::size_t defects = 0;
    for (std::size_t i = 1; i <= count; ++i) {
        bool has_defect = false;
        const std::string text = make_course(i, seed, has_defect);
        defects += has_defect ? 1 : 0;
        const fs::path file = outdir / ("course-" + padded(i, 5) + ".yaml");
        std::ofstream out(file, std::ios::binary);
        out << text;
        out.close();
        if (!out) {
            std::cerr << "cadre-bench-gen: cannot write " << file.string() << '\n';
            return 2;
        }
    }
    std::cout << "wrote " << count << " files (" << defects << " with a defect) to "
              << outdir.string() << '\n';
    return 0;
}
