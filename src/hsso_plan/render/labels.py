"""The words of every report, in English and French: one entry a label (`LABELS`, read
through `i18n.t`, which applies French typography), the organisation kinds (`KINDS`), what
drives a task's start (`DRIVER_KINDS`) and the report sections in report order
(`SECTIONS`). Data only; the language rules (dates, numbers, plurals, typography) are in
`i18n`."""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    "report": {"en": "Schedule report", "fr": "Rapport d'échéancier"},
    "generated_for": {"en": "Status as of", "fr": "État au"},
    "summary": {"en": "Summary", "fr": "Sommaire"},
    "start": {"en": "Start", "fr": "Début"},
    "finish": {"en": "Finish", "fr": "Fin"},
    "working_days": {"en": "Working days", "fr": "Jours ouvrables"},
    "tasks": {"en": "Tasks", "fr": "Tâches"},
    "milestones": {"en": "Milestones", "fr": "Jalons"},
    "critical_tasks": {"en": "Critical tasks", "fr": "Tâches critiques"},
    "critical_path": {"en": "Critical path", "fr": "Chemin critique"},
    "critical_path_length": {"en": "Critical path length", "fr": "Durée du chemin critique"},
    "days": {"en": "working days", "fr": "jours ouvrables"},
    "deadlines": {"en": "Deadlines", "fr": "Échéances"},
    "met": {"en": "met", "fr": "respectées"},
    "missed": {"en": "missed", "fr": "non respectées"},
    "deadline": {"en": "Deadline", "fr": "Échéance"},
    "status": {"en": "Status", "fr": "État"},
    "ok": {"en": "met", "fr": "respectée"},
    "late": {"en": "MISSED", "fr": "NON RESPECTÉE"},
    "float": {"en": "Float", "fr": "Marge"},
    "gantt": {"en": "Timeline", "fr": "Échéancier"},
    "workstream": {"en": "Workstream", "fr": "Volet"},
    "task": {"en": "Task", "fr": "Tâche"},
    "critical": {"en": "critical", "fr": "critique"},
    "milestone": {"en": "milestone", "fr": "jalon"},
    "readiness": {"en": "Readiness by site", "fr": "État de préparation par site"},
    "site": {"en": "Site", "fr": "Site"},
    "transfer": {"en": "Transfer", "fr": "Transfert"},
    "transfers": {"en": "Transfers", "fr": "Transferts"},
    "transfer_date": {"en": "Transfer date", "fr": "Date du transfert"},
    "done": {"en": "Done", "fr": "Terminées"},
    "remaining": {"en": "Remaining", "fr": "Restantes"},
    "rag": {"en": "RAG", "fr": "Code couleur"},
    "green": {"en": "GREEN", "fr": "VERT"},
    "amber": {"en": "AMBER", "fr": "JAUNE"},
    "rag_done": {"en": "DONE", "fr": "FAIT"},
    "red": {"en": "RED", "fr": "ROUGE"},
    "rag_rule": {"en": "RAG from readiness float before the transfer date: green at {g} or more "
                       "working days, amber from {a} to {g1}, red below {a} or with late work.",
                 "fr": "Code couleur selon la marge de préparation avant la date du transfert : "
                       "vert à {g} jours ouvrables ou plus, jaune de {a} à {g1}, rouge sous {a} "
                       "ou si des travaux sont en retard."},
    "coverage": {"en": "Service coverage", "fr": "Couverture des services"},
    "service": {"en": "Service", "fr": "Service"},
    "consumer": {"en": "Consumer", "fr": "Client"},
    "provider": {"en": "Provider", "fr": "Fournisseur"},
    "from": {"en": "From", "fr": "Du"},
    "until": {"en": "Until", "fr": "Au"},
    "open": {"en": "open", "fr": "au-delà du plan"},
    "staggered": {"en": "staggered", "fr": "échelonné"},
    "coverage_legend": {"en": "█ every consumer of the row served  ░ hand-over staggered "
                              "consumer by consumer",
                        "fr": "█ tous les clients de la ligne servis  ░ relève échelonnée, "
                              "client par client"},
    "coverage_alt": {"en": "Who provides {s} to each consumer over time: {n} consumers.",
                     "fr": "Qui fournit {s} à chaque client dans le temps : {n} clients."},
    "plan_start": {"en": "plan start", "fr": "début du plan"},
    "staff": {"en": "Staff moving", "fr": "Personnel transféré"},
    "headcount": {"en": "Headcount", "fr": "Effectif"},
    "total": {"en": "Total", "fr": "Total"},
    "to": {"en": "To", "fr": "Vers"},
    "organisations": {"en": "Organisations", "fr": "Organismes"},
    "resources": {"en": "Resource load", "fr": "Charge des ressources"},
    "resource": {"en": "Resource", "fr": "Ressource"},
    "capacity": {"en": "Capacity", "fr": "Capacité"},
    "peak": {"en": "Peak", "fr": "Charge maximale"},
    "week_of": {"en": "Week of", "fr": "Semaine du"},
    "units": {"en": "units", "fr": "unités"},
    "problems": {"en": "Problems", "fr": "Problèmes"},
    "risk": {"en": "Schedule risk", "fr": "Risque de l'échéancier"},
    "no_problems": {"en": "No problems: every check passed.",
                    "fr": "Aucun problème : toutes les vérifications sont réussies."},
    "none": {"en": "(none)", "fr": "(aucun)"},
    "code": {"en": "Code", "fr": "Code"},
    "message": {"en": "Message", "fr": "Message"},
    "where": {"en": "Where", "fr": "Emplacement"},
    "zoom": {"en": "Zoom", "fr": "Échelle"},
    "month": {"en": "Months", "fr": "Mois"},
    "week": {"en": "Weeks", "fr": "Semaines"},
    "legend": {"en": "Legend", "fr": "Légende"},
    "legend_text": {"en": "Bars: tasks; dark bars: workstreams; diamonds: milestones; red with "
                          "a heavy outline and the word critical: on the critical path.",
                    "fr": "Barres : tâches; barres foncées : volets; losanges : jalons; rouge "
                          "avec un contour épais et le mot critique : sur le chemin critique."},
    "legend_terminal": {"en": "▓ workstream  █ task  ◆ milestone  ! on the critical path "
                              "(in red where colour shows)",
                        "fr": "▓ volet  █ tâche  ◆ jalon  ! sur le chemin critique "
                              "(en rouge si la couleur s'affiche)"},
    "gantt_alt": {"en": "Gantt chart of {n} tasks from {a} to {b}; the critical path is "
                        "marked in red and labelled.",
                  "fr": "Diagramme de Gantt de {n} tâches du {a} au {b}; le chemin critique "
                        "est en rouge et identifié."},
    "legend_tracking": {"en": "Darker part of a bar: work done at the status date; thin grey "
                              "bar under a bar: the baseline; vertical orange line: the status "
                              "date.",
                        "fr": "Partie foncée d'une barre : travail fait à la date d'état; barre "
                              "grise fine sous une barre : la référence; ligne verticale "
                              "orange : la date d'état."},
    "fold_ws": {"en": "Show the tasks of {name}", "fr": "Afficher les tâches de {name}"},
    "show_all": {"en": "Show every task", "fr": "Afficher toutes les tâches"},
    "fit": {"en": "Fit", "fr": "Ajusté à la page"},
    "status_flag": {"en": "Status date: {d}", "fr": "Date d'état\u00a0: {d}"},
    "status_alt": {"en": "The status date, {d}, is drawn as a vertical line.",
                   "fr": "La date d'état, le {d}, est tracée en ligne verticale."},
    "baseline": {"en": "baseline", "fr": "référence"},
    "pct_done": {"en": "{p}% done", "fr": "{p} % fait"},
    "more_in_html": {"en": "{n} more tasks: see the HTML report or --section gantt --detail.",
                     "fr": "{n} autres tâches : voir le rapport HTML ou --section gantt --detail."},
    "levelled_by": {"en": "Resource levelling", "fr": "Nivellement des ressources"},
    "moved": {"en": "tasks moved by resource limits", "fr": "tâches déplacées par les limites "
              "de ressources"},
    "dependency": {"en": "depends on", "fr": "dépend de"},
    "delays": {"en": "Tasks moved by levelling", "fr": "Tâches déplacées par le nivellement"},
    "could_start": {"en": "Could start", "fr": "Début possible"},
    "full": {"en": "Full resources", "fr": "Ressources saturées"},
    "held_by": {"en": "Held by", "fr": "Occupées par"},
}

# -- the executive summary, the present tense and the driving path (helper rep) -------------
LABELS.update({
    "gantt": {"en": "Timeline", "fr": "Échéancier"},
    "status_date": {"en": "Status date", "fr": "Date d'état"},
    "key_dates": {"en": "Key dates", "fr": "Dates clés"},
    "next_transfers": {"en": "Next transfers", "fr": "Prochains transferts"},
    "driven_by": {"en": "Driven by", "fr": "Déterminé par"},
    "n_tasks": {"en": "{n} tasks", "fr": "{n} tâches"},
    "one_task": {"en": "1 task", "fr": "1 tâche"},
    "root_start_on": {"en": "from a fixed date", "fr": "depuis une date fixe"},
    "root_project-start": {"en": "from the project start", "fr": "depuis le début du projet"},
    "root_start_no_earlier_than": {"en": "from a no-earlier-than date",
                                   "fr": "depuis une date de début au plus tôt"},
    "root_status-date": {"en": "from the status date", "fr": "depuis la date d'état"},
    "root_actual": {"en": "from recorded progress", "fr": "depuis l'avancement saisi"},
    "root_resource": {"en": "from a full resource", "fr": "depuis une ressource occupée"},
    "root_dependency": {"en": "", "fr": ""},
    "near_critical": {"en": "Near-critical", "fr": "Quasi critiques"},
    "near_critical_text": {"en": "{n} tasks with {d} working days of float or less",
                           "fr": "{n} tâches avec une marge de {d} jours ouvrables ou moins"},
    "progress": {"en": "Progress", "fr": "Avancement"},
    "progress_text": {"en": "{done} of {n} tasks done, {late} late",
                      "fr": "{done} tâches terminées sur {n}, {late} en retard"},
    "no_progress": {"en": "none recorded: done = planned to finish by the date above",
                    "fr": "aucun saisi : terminée = fin prévue au plus tard à la date ci-dessus"},
    "dl_count_met": {"en": "{n} met", "fr": "{n} respectée{s}"},
    "dl_count_on track": {"en": "{n} on track", "fr": "{n} en bonne voie"},
    "dl_count_at risk": {"en": "{n} at risk", "fr": "{n} à risque"},
    "dl_count_missed": {"en": "{n} missed", "fr": "{n} manquée{s}"},
    "problem_counts": {"en": "{e} errors, {w} warnings", "fr": "{e} erreurs, {w} avertissements"},
    "top_issues": {"en": "Top issues", "fr": "Principaux enjeux"},
    "no_issues": {"en": "No issues: no error, no deadline at risk, no late work.",
                  "fr": "Aucun enjeu : aucune erreur, aucune échéance à risque, aucun retard."},
    "more_issues": {"en": "… and {n} more", "fr": "… et {n} de plus"},
    "date": {"en": "Date", "fr": "Date"},
    "issue_error": {"en": "{detail}", "fr": "{detail}"},
    "issue_deadline-missed": {"en": "Deadline missed: {name} (due {date})",
                              "fr": "Échéance manquée : {name} (prévue le {date})"},
    "issue_deadline-at-risk": {"en": "Deadline at risk: {name} (due {date})",
                               "fr": "Échéance à risque : {name} (prévue le {date})"},
    "issue_transfer-red": {"en": "Transfer RED: {name} ({date})",
                           "fr": "Transfert ROUGE : {name} ({date})"},
    "issue_transfer-amber": {"en": "Transfer AMBER: {name} ({date})",
                             "fr": "Transfert JAUNE : {name} ({date})"},
    "issue_late": {"en": "Late to start: {name} (now {date})",
                   "fr": "Début en retard : {name} (désormais le {date})"},
    "lookahead": {"en": "Look-ahead", "fr": "À venir"},
    "lookahead_window": {"en": "Late as of {a}, and due to start or finish from {b} to {c} "
                               "({n} working days)",
                         "fr": "En retard au {a}, et début ou fin prévus du {b} au {c} "
                               "({n} jours ouvrables)"},
    "lookahead_none": {"en": "Nothing late, nothing due in the window.",
                       "fr": "Aucun retard, rien de prévu dans la période."},
    "when": {"en": "When", "fr": "Date"},
    "what": {"en": "What", "fr": "Quoi"},
    "owner": {"en": "Owner", "fr": "Responsable"},
    "note": {"en": "Note", "fr": "Note"},
    "look_late": {"en": "late", "fr": "en retard"},
    "look_start": {"en": "starts", "fr": "début"},
    "look_finish": {"en": "finishes", "fr": "fin"},
    "ready": {"en": "Done", "fr": "Terminé"},
    "confidence": {"en": "P(ready)", "fr": "P(prêt)"},
    "behind": {"en": "Behind", "fr": "Retard"},
    "slack": {"en": "Slack to deadline", "fr": "Marge avant l'échéance"},
    "dl_met": {"en": "met", "fr": "respectée"},
    "dl_on track": {"en": "on track", "fr": "en bonne voie"},
    "dl_at risk": {"en": "AT RISK", "fr": "À RISQUE"},
    "dl_missed": {"en": "MISSED", "fr": "MANQUÉE"},
    "transfers_done": {"en": "{n} transfers done ({dates})",
                       "fr": "{n} transferts effectués ({dates})"},
    "appendices_footer": {"en": "Appendices not shown: {names}. Add --detail for all of them, "
                                "or --section NAME,... for some.",
                          "fr": "Annexes non affichées : {names}. Ajoutez --detail pour "
                                "toutes, ou --section NOM,... pour certaines."},
    "appendix": {"en": "Appendix", "fr": "Annexe"},
    "rag_behind": {"en": "Late work (Behind) caps a site at amber.",
                   "fr": "Des travaux en retard (Retard) limitent un site au jaune."},
    "legend_driving": {"en": "▓ workstream █ task ◆ milestone ! drives the finish "
                             "~ float ≤ {d} days",
                       "fr": "▓ volet █ tâche ◆ jalon ! détermine la fin ~ marge ≤ {d} jours"},
})

# -- schedule risk (the `risk` command and the report's risk section; helper riskfr) -------
LABELS.update({
    "risk_runs": {"en": "Runs", "fr": "Exécutions"},
    "risk_runs_text": {"en": "{n} (seed {seed}, {dist})", "fr": "{n} (graine {seed}, {dist})"},
    "dist_triangular": {"en": "triangular", "fr": "triangulaire"},
    "dist_pert": {"en": "pert", "fr": "PERT"},
    "dist_uniform": {"en": "uniform", "fr": "uniforme"},
    "risk_uncertain": {"en": "Uncertain tasks", "fr": "Tâches incertaines"},
    "risk_uncertain_text": {"en": "{n}; risk events: {e}",
                            "fr": "{n}; événements de risque : {e}"},
    "risk_deterministic_finish": {"en": "Deterministic finish", "fr": "Fin déterministe"},
    "risk_percentiles": {"en": "P10 / P50 / P80 / P90", "fr": "P10 / P50 / P80 / P90"},
    "risk_se": {"en": "Standard error (working days)",
                "fr": "Erreur type (jours ouvrables)"},
    "risk_shift": {"en": "Mean slip vs deterministic",
                   "fr": "Écart moyen sur la fin déterministe"},
    "risk_shift_text": {"en": "{n} working days", "fr": "{n} jour{s} ouvrable{s}"},
    "risk_levelled": {"en": "levelled order kept ({n} order links)",
                      "fr": "ordre du nivellement conservé ({n} lien{s} d'ordre)"},
    "risk_resources": {"en": "Resources", "fr": "Ressources"},
    "risk_unlevelled": {"en": "no levelling", "fr": "aucun nivellement"},
    "risk_progress_text": {"en": "as of {d}: {done} tasks done (fixed), {w} under way (what "
                                 "remains is sampled)",
                           "fr": "au {d} : {done} tâche{s} terminée{s} (fixée{s}), {w} en cours "
                                 "(le travail restant est échantillonné)"},
    "risk_curve_title": {"en": "Project finish: runs by date, and the share finished by then "
                               "(S-curve)",
                         "fr": "Fin du projet : exécutions par date et part terminée à cette "
                               "date (courbe en S)"},
    "risk_curve": {"en": "Project finish (S-curve)", "fr": "Fin du projet (courbe en S)"},
    "risk_finish": {"en": "Project finish", "fr": "Fin du projet"},
    "risk_finish_by": {"en": "Finish by", "fr": "Fin au plus tard le"},
    "risk_share": {"en": "Share finished", "fr": "Part terminée"},
    "risk_curve_alt": {"en": "S-curve of the project finish",
                       "fr": "Courbe en S de la fin du projet"},
    "risk_curve_caption": {"en": "Share of runs finished by each date.",
                           "fr": "Part des exécutions terminées à chaque date."},
    "risk_drivers": {"en": "What drives the finish", "fr": "Sensibilité (tornade)"},
    "risk_drivers_title": {"en": "What drives the finish (rank correlation; + = makes it "
                                 "later)",
                           "fr": "Sensibilité (tornade) : ce qui détermine la fin (corrélation "
                                 "des rangs; + = la retarde)"},
    "risk_drivers_text": {"en": "Rank correlation of each uncertain input with the finish "
                                "(+ = makes it later).",
                          "fr": "Corrélation des rangs de chaque donnée incertaine avec la fin "
                                "(+ = la retarde)."},
    "risk_drivers_alt": {"en": "Tornado: what drives the finish",
                         "fr": "Tornade : ce qui détermine la fin"},
    "risk_drivers_caption": {"en": "Rank correlation with the finish (+ = makes it later).",
                             "fr": "Corrélation des rangs avec la fin (+ = la retarde)."},
    "risk_input": {"en": "Input", "fr": "Donnée"},
    "risk_kind": {"en": "Kind", "fr": "Type"},
    "risk_correlation": {"en": "Correlation", "fr": "Corrélation"},
    "kind_task": {"en": "task", "fr": "tâche"},
    "kind_event": {"en": "event", "fr": "événement"},
    "risk_no_input": {"en": "Nothing in the plan is uncertain{left}, so every run is the "
                            "schedule: give tasks a duration_range or a [risk] default_range, "
                            "or add risk events (docs/risk.md).",
                      "fr": "Rien n'est incertain dans le plan{left}; chaque exécution donne "
                            "donc l'échéancier : donnez aux tâches une duration_range ou une "
                            "default_range dans [risk], ou ajoutez des événements de risque "
                            "(docs/risk.md)."},
    "risk_no_input_left": {"en": " left (the uncertain work is done)",
                           "fr": " (le travail incertain est terminé)"},
    "risk_fixed": {"en": "No uncertain input moves the finish (fixed dates hold it).",
                   "fr": "Aucune donnée incertaine ne déplace la fin (les dates fixes la "
                         "retiennent)."},
    "risk_transfers_title": {"en": "Transfers: chance the readiness work is done before the "
                                   "date (riskiest first)",
                             "fr": "Transferts : probabilité que la préparation soit terminée "
                                   "avant la date du transfert (les plus à risque d'abord)"},
    "risk_transfers": {"en": "Transfers (riskiest first)",
                       "fr": "Transferts (les plus à risque d'abord)"},
    "risk_transfers_caption": {"en": "Chance the readiness work is done before the transfer "
                                     "date (riskiest first)",
                               "fr": "Probabilité que la préparation soit terminée avant la "
                                     "date du transfert (les plus à risque d'abord)"},
    "risk_site": {"en": "Site / transfer", "fr": "Site / transfert"},
    "risk_ready": {"en": "Ready by date", "fr": "Prêt à la date"},
    "risk_slack": {"en": "Slack P10/P50 (days)", "fr": "Marge P10/P50 (jours)"},
    "risk_driver": {"en": "Main driver", "fr": "Facteur principal"},
    "risk_moves": {"en": "{d} (P50, moves)", "fr": "{d} (P50, variable)"},
    "risk_met": {"en": "Chance met", "fr": "Probabilité de respect"},
    "risk_handovers": {"en": "Service hand-overs at milestones",
                       "fr": "Relèves de services aux jalons"},
    "risk_from_to": {"en": "From → to", "fr": "De → à"},
    "risk_at": {"en": "At", "fr": "Jalons"},
    "risk_gap": {"en": "Chance of a gap", "fr": "Probabilité d'une interruption"},
    "risk_overlap": {"en": "Chance of double-running",
                     "fr": "Probabilité d'un double fonctionnement"},
    "risk_events": {"en": "Risk events", "fr": "Événements de risque"},
    "risk_event": {"en": "Risk event", "fr": "Événement de risque"},
    "risk_probability": {"en": "Probability", "fr": "Probabilité"},
    "risk_happened": {"en": "Happened in", "fr": "Survenu dans"},
    "risk_all_done": {"en": "0 (all done)", "fr": "0 (toutes terminées)"},
    "risk_critical_title": {"en": "Most critical tasks (share of runs on the critical path)",
                            "fr": "Tâches les plus critiques (part des exécutions sur le "
                                  "chemin critique)"},
    "risk_critical": {"en": "Most critical tasks", "fr": "Tâches les plus critiques"},
    "risk_criticality": {"en": "Criticality", "fr": "Indice de criticité"},
    "risk_deterministic": {"en": "Deterministic", "fr": "Déterministe"},
})

#: Organisation kinds, as short plural labels (the coverage timeline: "14 CCACs").
KINDS: dict[str, dict[str, str]] = {
    "ccac": {"en": "CCACs", "fr": "CASC"},
    "lhin": {"en": "LHINs", "fr": "RLISS"},
    "association": {"en": "associations", "fr": "associations"},
    "collaborative": {"en": "collaboratives", "fr": "collaborations"},
    "shared-services-office": {"en": "shared-services offices",
                               "fr": "bureaux de services partagés"},
    "shared-services-agency": {"en": "shared-services agencies",
                               "fr": "organismes de services partagés"},
    "ministry": {"en": "ministries", "fr": "ministères"},
    "agency": {"en": "agencies", "fr": "organismes"},
    "other": {"en": "organisations", "fr": "organismes"},
}

#: Report sections in report order: the executive page (summary, readiness, gantt), then the
#: look-ahead, then the appendices.
SECTIONS = ("summary", "readiness", "gantt", "lookahead", "deadlines", "problems", "resources",
            "coverage", "staff", "risk")


#: What sets a task's start when no predecessor does, as a short phrase per language.
DRIVER_KINDS: dict[str, dict[str, str]] = {
    "project-start": {"en": "project start", "fr": "début du projet"},
    "start_no_earlier_than": {"en": "no earlier than", "fr": "pas avant une date"},
    "start_on": {"en": "fixed start", "fr": "début imposé"},
    "resource": {"en": "resource", "fr": "ressource"},
    "status-date": {"en": "status date", "fr": "date d'état"},
    "actual": {"en": "actual dates", "fr": "dates réelles"},
}
