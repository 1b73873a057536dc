// The uniffi-generated Kotlin bindings against the built library, on the JVM
// with JNA (the same generated code an Android app uses).
//
// Run by scripts/test-uniffi.sh:
//   kotlinc gen/uniffi/medcover/medcover.kt Main.kt -cp jna.jar -include-runtime -d t.jar
//   java -Djna.library.path=target/debug -cp t.jar:jna.jar MainKt FIXTURE_DIR RULES_DIR
// FIXTURE_DIR is the ro-omniasig test fixture; RULES_DIR the bundled `rules/`
// folder (member reports, providers, helpdesk, routing). Prints `kotlin: N passed, M failed`; exits 1 on any failure.

import java.io.File
import java.math.BigDecimal
import kotlin.system.exitProcess
import uniffi.medcover.*

class Failed(message: String) : Exception(message)

fun check(condition: Boolean, message: () -> String) {
    if (!condition) throw Failed(message())
}

fun svc(code: String, quantity: UInt = 1u) = ServiceRequest(code = code, quantity = quantity)

fun scenario1(): Request = Request(
    id = "scenario-1",
    date = "2026-05-10",
    clinic = "ro-oftalmo-cluj",
    bookedVia = BookedVia.INSURER,
    member = Member(
        id = "ro-m-1",
        birthDate = "1985-03-12",
        sex = Sex.F,
        nationalId = "2850312400014",
        policy = Policy(
            number = "OMN-P-1",
            program = "ro-omniasig/standard",
            start = "2026-01-01",
            end = "2026-12-31",
        ),
    ),
    authorization = Authorization(
        number = "OMN-2026-000123",
        kind = DocumentKind.AUTHORIZATION,
        validOn = "2026-05-10",
        services = listOf(svc("OPH-CONSULT")),
        duringConsultation = listOf("OPH-OCT", "OPH-PERIMETRY"),
    ),
    services = listOf(svc("OPH-CONSULT"), svc("OPH-OCT"), svc("OPH-TONOMETRY"), svc("OPH-YAG")),
)

fun codes(line: Line) = line.reasons.map { it.code }

fun checkScenario1(d: Decision) {
    check(d.ruleset == "ro-omniasig") { "ruleset ${d.ruleset}" }
    check(d.id == "scenario-1") { "id ${d.id}" }
    check(d.lines.size == 4) { "lines ${d.lines.size}" }
    val (consult, oct, tono, yag) = d.lines
    check(consult.outcome == Outcome.COVERED) { "OPH-CONSULT ${consult.outcome}" }
    check(ReasonCode.AUTHORIZED_SERVICE in codes(consult)) { "OPH-CONSULT ${codes(consult)}" }
    check(consult.mode == Mode.AUTHORIZATION) { "OPH-CONSULT mode ${consult.mode}" }
    check(consult.insurerPays == "250.00" && consult.patientPays == "0.00") { "OPH-CONSULT $consult" }
    check(oct.outcome == Outcome.COVERED) { "OPH-OCT ${oct.outcome}" }
    check(ReasonCode.SUPPLEMENTARY_ON_FORM in codes(oct)) { "OPH-OCT ${codes(oct)}" }
    check(oct.insurerPays == "300.00") { "OPH-OCT pays ${oct.insurerPays}" }
    check(tono.outcome == Outcome.NEEDS_AUTHORIZATION) { "OPH-TONOMETRY ${tono.outcome}" }
    check(tono.nextStep == NextStep.REQUEST_EMAIL_AUTHORIZATION) { "OPH-TONOMETRY ${tono.nextStep}" }
    check(yag.outcome == Outcome.REFER_ELSEWHERE) { "OPH-YAG ${yag.outcome}" }
    check(yag.alternatives == listOf("ro-oftalmo-brasov")) { "OPH-YAG ${yag.alternatives}" }
    check(BigDecimal(d.totals.insurerPays) == BigDecimal("550.00")) { "totals ${d.totals}" }
    check(d.totals.insurerPays == "550.00") { "totals ${d.totals}" }
    check(d.requirements == listOf(Requirement.IDENTITY_DOCUMENT, Requirement.MEMBER_SIGNATURE)) {
        "requirements ${d.requirements}"
    }
}

/** Scenario 9's member: br-m-1 on br-plan/enfermaria, enrolled 2026-01-05. */
fun brMember(preExisting: Boolean = true, program: String = "br-plan/enfermaria") = Member(
    id = "br-m-1",
    birthDate = "1990-04-02",
    sex = Sex.F,
    preExisting = preExisting,
    policy = Policy(
        number = "BR-br-m-1",
        program = program,
        start = "2026-01-01",
        end = "2026-12-31",
        enrolled = "2026-01-05",
    ),
)

/** A query for br-m-1 on 2026-08-01 with one 2025 and two 2026 services. */
fun brQuery(member: Member = brMember()) = MemberQuery(
    date = "2026-08-01",
    member = member,
    history = listOf(
        HistoryEntry(date = "2026-07-10", service = "BR-PROPHY", amount = "200.00", authorization = "BR-A-0001"),
        HistoryEntry(date = "2026-07-20", service = "BR-CONSULT"),
        HistoryEntry(date = "2025-11-02", service = "BR-PROPHY", amount = "200.00"),
    ),
)

/** Scenario 12's complete SIUI incident. */
fun siuiIncident() = Incident(
    system = "SIUI",
    subject = "Eroare la validarea serviciilor medicale",
    header = mapOf(
        "provider_type" to "CLINIC",
        "provider" to "RO12345678 / Clinica Exemplu SRL",
        "doctor" to "A12345",
        "problem_category" to "validare",
    ),
    body = "La validarea serviciilor din luna martie apare eroarea E-102. Detalii in documentul atasat.",
    contactPhone = "0722 123 456",
    attachments = listOf("eroare.docx"),
)

fun problemCodes(v: IncidentVerdict) = v.problems.map { it.code }

/** Runs [block], which must throw [MedcoverException.Request] of [kind] naming [path]. */
fun expectRequestError(kind: RequestErrorKind, path: String, block: () -> Unit): MedcoverException.Request {
    try {
        block()
    } catch (e: MedcoverException.Request) {
        check(e.kind == kind) { "kind ${e.kind}, expected $kind: ${e.message}" }
        check(e.path == path) { "path ${e.path}, expected $path: ${e.message}" }
        return e
    }
    throw Failed("no MedcoverException.Request for $path")
}

fun main(args: Array<String>) {
    val fixture = args.getOrNull(0) ?: "bindings/uniffi/tests/fixtures/ro-omniasig"
    val bundled = args.getOrNull(1) ?: "rules"
    var passed = 0
    var failed = 0
    fun test(name: String, body: () -> Unit) {
        try {
            body()
            passed++
            println("ok   kotlin $name")
        } catch (e: Throwable) {
            failed++
            println("FAIL kotlin $name: $e")
            e.printStackTrace()
        }
    }

    RuleSet(fixture).use { rules ->
        test("scenario1_from_path") {
            check(rules.ids() == listOf("ro-omniasig")) { "ids ${rules.ids()}" }
            checkScenario1(rules.evaluate(scenario1()))
        }
        test("scenario1_from_files") {
            val files = File(fixture).listFiles()!!.filter { it.name.endsWith(".json") }
                .associate { it.name to it.readText() }
            RuleSet.fromFiles(files).use { checkScenario1(it.evaluate(scenario1())) }
        }
        test("scenario2_wrong_date_covers_nothing") {
            val d = rules.evaluate(scenario1().copy(date = "2026-05-11", services = listOf(svc("OPH-CONSULT"))))
            val line = d.lines[0]
            check(line.outcome != Outcome.COVERED) { "outcome ${line.outcome}" }
            check(ReasonCode.AUTHORIZATION_WRONG_DATE in codes(line)) { "codes ${codes(line)}" }
            check(BigDecimal(d.totals.insurerPays).signum() == 0) { "totals ${d.totals}" }
        }
        test("scenario3_child_requirements") {
            val r = scenario1()
            val child = r.member.copy(id = "ro-m-2", birthDate = "2018-07-15", nationalId = "6180715401235")
            val d = rules.evaluate(r.copy(member = child, services = listOf(svc("OPH-CONSULT"))))
            check(Requirement.BIRTH_CERTIFICATE_COPY in d.requirements) { "${d.requirements}" }
            check(Requirement.PARENT_IDENTITY_DOCUMENT in d.requirements) { "${d.requirements}" }
            check(Requirement.IDENTITY_DOCUMENT !in d.requirements) { "${d.requirements}" }
        }
        test("folder_of_rule_sets_routes_by_clinic") {
            RuleSet(File(fixture).parent).use { book ->
                check(book.ids() == listOf("ro-omniasig")) { "ids ${book.ids()}" }
                check(book.clinicIds().sorted() == listOf("ro-oftalmo-brasov", "ro-oftalmo-cluj")) { "${book.clinicIds()}" }
                checkScenario1(book.evaluate(scenario1()))
                expectRequestError(RequestErrorKind.UNKNOWN_REFERENCE, "clinic") {
                    book.evaluate(scenario1().copy(clinic = "ro-oftalmo-clujj"))
                }
            }
        }
        test("trace_on_request") {
            val d = rules.evaluateWith(scenario1(), EvaluateOptions(trace = true))
            check(d.lines.all { it.trace.isNotEmpty() }) { "no trace" }
        }
        test("reasons_without_messages") {
            val quiet = rules.evaluateWith(scenario1(), EvaluateOptions(messages = false))
            val told = rules.evaluate(scenario1())
            check(quiet.lines.flatMap { l -> l.reasons.map { it.code } } == told.lines.flatMap { l -> l.reasons.map { it.code } }) { "codes differ" }
            check(quiet.lines.all { l -> l.reasons.all { it.message.isEmpty() } }) { "a message was written" }
            check(told.lines.all { l -> l.reasons.all { it.message.isNotEmpty() } }) { "a message is missing" }
        }
        test("reasons_in_the_chosen_language") {
            val ro = rules.evaluateWith(scenario1(), EvaluateOptions(lang = Lang.RO))
            val yag = ro.lines[3].reasons[0].message
            check(yag.startsWith("clinica `ro-oftalmo-cluj` nu efectuează `OPH-YAG`")) { yag }
            val en = rules.evaluate(scenario1())
            check(en.lines.map { it.outcome } == ro.lines.map { it.outcome }) { "outcomes differ by language" }
        }
        test("unknown_service_is_a_typed_exception") {
            val e = expectRequestError(RequestErrorKind.UNKNOWN_REFERENCE, "services[1].code") {
                rules.evaluate(scenario1().copy(services = listOf(svc("OPH-CONSULT"), svc("OPH-OCTX"))))
            }
            check("OPH-OCTX" in e.detail && "OPH-OCT" in (e.help ?: "")) { "${e.message}" }
        }
        test("impossible_date_is_a_typed_exception") {
            val e = expectRequestError(RequestErrorKind.INVALID_FIELD, "date") {
                rules.evaluate(scenario1().copy(date = "2026-02-30"))
            }
            check("2026-02-30" in e.detail) { "${e.message}" }
            val r = scenario1()
            expectRequestError(RequestErrorKind.INVALID_FIELD, "member.birth_date") {
                rules.evaluate(r.copy(member = r.member.copy(birthDate = "1985-3-12x")))
            }
        }
        test("bad_money_is_a_typed_exception") {
            val history = listOf(HistoryEntry(date = "2026-02-01", service = "OPH-OCT", amount = "1e3"))
            val e = expectRequestError(RequestErrorKind.INVALID_FIELD, "history[0].amount") {
                rules.evaluate(scenario1().copy(history = history))
            }
            check("1e3" in e.detail) { "${e.message}" }
        }
        test("bad_national_id_is_never_echoed") {
            val r = scenario1()
            val e = expectRequestError(RequestErrorKind.INVALID_NATIONAL_ID, "member.national_id") {
                rules.evaluate(r.copy(member = r.member.copy(nationalId = "2850312400015")))
            }
            check("285031240001" !in "${e.message} $e") { "national id echoed: ${e.message}" }
        }
        test("broken_rules_are_a_typed_exception") {
            try {
                RuleSet.fromFiles(mapOf(
                    "ruleset.json" to """{"ruleset": {"id": "x", "name": "x"}}""",
                    "services.json" to """{"services": [{"code": "A", "category": "nope", "price": "1"}]}""",
                )).close()
                throw Failed("broken rules loaded")
            } catch (e: MedcoverException.Rules) {
                check(e.problems.isNotEmpty() && e.problems[0].file == "services.json") { "${e.problems}" }
            }
            try {
                RuleSet("/nonexistent/rules").close()
                throw Failed("missing folder loaded")
            } catch (e: MedcoverException.Rules) {
                check(e.problems[0].kind == ProblemKind.IO) { "${e.problems}" }
            }
        }
        test("json_entry_point") {
            val out = rules.evaluateJson(
                """{"date": "2026-05-10", "clinic": "ro-oftalmo-cluj",
                   "member": {"id": "u-1", "birth_date": "1990-01-01", "sex": "M"},
                   "services": [{"code": "OPH-CONSULT"}]}""",
            )
            check(out.contains("\"service\":\"OPH-CONSULT\"")) { out }
            val e = try {
                rules.evaluateJson("{"); null
            } catch (e: MedcoverException.Request) { e }
            check(e != null && e.kind == RequestErrorKind.MALFORMED && e.line == 1u) { "$e" }
        }
        test("fhir_export") {
            val text = rules.evaluateFhir(scenario1())
            check(text.contains("\"resourceType\":\"CoverageEligibilityResponse\"")) { text }
            check(text.contains("\"preAuthRef\":\"OMN-2026-000123\"")) { text }
            check(text.contains("\"reference\":\"Patient/ro-m-1\"")) { text }
            check(!text.contains("2850312400014")) { "national id in $text" }
            check(text.contains("\"value\":250.0}")) { "money $text" }
            check(Regex("\"authorizationRequired\":true").findAll(text).count() == 2) { text }
            val created = rules.evaluateFhir(scenario1(), "2026-05-10T09:30:00Z")
            check(created.contains("\"created\":\"2026-05-10T09:30:00Z\"")) { created }
        }
        test("reason_code_names") {
            check(reasonCodeName(ReasonCode.AUTHORIZED_SERVICE) == "AUTHORIZED_SERVICE") { "name" }
        }
        test("helpdesk_and_routing_need_their_rules") {
            // The fixture has neither a helpdesk nor representatives.
            expectRequestError(RequestErrorKind.NOT_IN_RULES, "") { rules.helpdeskChannel("2026-03-10T10:15") }
            expectRequestError(RequestErrorKind.NOT_IN_RULES, "") { rules.validateIncident(siuiIncident()) }
            expectRequestError(RequestErrorKind.NOT_IN_RULES, "") { rules.route("dispute") }
        }
    }

    // The bundled rules: every rule set of `rules/` in one RuleSet.
    RuleSet(bundled).use { rules ->
        test("bundled_rules_load") {
            for (id in listOf("br-plan", "ro-cnas-helpdesk", "ro-omniasig", "ru-dms-dental", "ru-oms")) {
                check(id in rules.ids()) { "ids ${rules.ids()}" }
            }
        }
        test("scenario9_waiting_periods_report") {
            val r = rules.waitingPeriodsReport(brQuery())
            check(r.header.member == "br-m-1" && r.header.program == "br-plan/enfermaria") { "${r.header}" }
            check(r.header.ruleset == "br-plan" && r.header.date == "2026-08-01") { "${r.header}" }
            check(r.enrolled == "2026-01-05") { "enrolled ${r.enrolled}" }
            val ends = r.waitingPeriods.associate { it.id to it.ends }
            check(ends["partial-temporary-coverage"] == "2028-01-05") { "$ends" }
            check(ends["general"] == "2026-07-04") { "$ends" }
            check(ends["childbirth"] == "2026-11-01") { "$ends" }
            check(ends["urgency-emergency"] == "2026-01-06") { "$ends" }
            val general = r.waitingPeriods.first { it.id == "general" }
            check(general.ended && general.length == "180 days") { "$general" }
            val partial = r.waitingPeriods.first { it.id == "partial-temporary-coverage" }
            check(!partial.ended && partial.length == "24 months") { "$partial" }
            // Without declared pre-existing conditions, no partial temporary coverage.
            val plain = rules.waitingPeriodsReport(brQuery(brMember(preExisting = false)))
            check(plain.waitingPeriods.map { it.id } == listOf("urgency-emergency", "childbirth", "general")) {
                "${plain.waitingPeriods}"
            }
        }
        test("limits_report") {
            val r = rules.limitsReport(brQuery())
            check(r.header.currency == "BRL") { "${r.header}" }
            // The 2022 psychology cap is not in force in 2026; the 2025 prophylaxis is another policy year.
            check(r.limits.map { it.id } == listOf("prophylaxis")) { "${r.limits}" }
            val l = r.limits[0]
            check(l.unit == LimitUnit.COUNT) { "$l" }
            check(l.allowed == "2" && l.consumed == "1" && l.remaining == "1") { "$l" }
            check(l.periodStart == "2026-01-01") { "$l" }
        }
        test("statement") {
            val s = rules.statement(brQuery())
            check(s.from == "2026-01-01" && s.to == "2026-08-01") { "${s.from}..${s.to}" }
            check(s.lines.map { it.service } == listOf("BR-PROPHY", "BR-CONSULT")) { "${s.lines}" }
            check(s.lines[0].amount == "200.00" && s.lines[0].authorization == "BR-A-0001") { "${s.lines[0]}" }
            // No recorded amount: the price in force.
            check(s.lines[1].amount == "250.00" && s.lines[1].category == "consultation") { "${s.lines[1]}" }
            check(s.total == "450.00" && BigDecimal(s.total) == BigDecimal("450.00")) { "total ${s.total}" }
            val july = rules.statement(brQuery().copy(from = "2026-07-15", to = "2026-07-31"))
            check(july.lines.map { it.service } == listOf("BR-CONSULT") && july.total == "250.00") { "$july" }
        }
        test("report_errors_name_the_field") {
            val e = expectRequestError(RequestErrorKind.UNKNOWN_REFERENCE, "member.policy.program") {
                rules.limitsReport(brQuery(brMember(program = "br-plan/enfermeria")))
            }
            check("br-plan/enfermeria" in e.detail) { "${e.message}" }
            check("br-plan/enfermaria" in (e.help ?: "")) { "help ${e.help}" }
            check("br-plan/enfermaria" in e.known && "ru-dms-dental/gl" in e.known) { "known ${e.known}" }
            expectRequestError(RequestErrorKind.UNKNOWN_REFERENCE, "member.policy.program") {
                rules.statement(brQuery(brMember(program = "nope")))
            }
            expectRequestError(RequestErrorKind.INVALID_FIELD, "from") {
                rules.statement(brQuery().copy(from = "2026-02-30"))
            }
            expectRequestError(RequestErrorKind.INVALID_FIELD, "member.policy") {
                rules.waitingPeriodsReport(brQuery(brMember().copy(policy = null)))
            }
            expectRequestError(RequestErrorKind.UNKNOWN_REFERENCE, "history[0].service") {
                rules.limitsReport(brQuery().copy(history = listOf(HistoryEntry(date = "2026-02-01", service = "BR-XX"))))
            }
        }
        test("providers_by_state") {
            val sp = rules.providers(ProviderQuery(state = "SP"))
            check(sp.map { it.id } == listOf("br-hosp-sp", "br-clinic-campinas")) { "${sp.map { it.id }}" }
            val hosp = sp[0]
            check(hosp.providerType == ProviderType.HOSPITAL && hosp.city == "São Paulo" && hosp.state == "SP") { "$hosp" }
            check(hosp.specialties == listOf("emergency", "obstetrics", "cardiology")) { "$hosp" }
            check(hosp.inNetwork && hosp.ruleset == "br-plan") { "$hosp" }
            check(sp[1].providerType == ProviderType.CLINIC && sp[1].city == "Campinas") { "${sp[1]}" }
        }
        test("providers_by_city_type_specialty") {
            check(rules.providers(ProviderQuery(city = "sao paulo")).map { it.id } == listOf("br-hosp-sp")) { "city" }
            check(rules.providers(ProviderQuery(providerType = ProviderType.LABORATORY)).map { it.id } == listOf("br-lab-rio")) { "type" }
            check(rules.providers(ProviderQuery(specialty = "psychology")).map { it.id } == listOf("br-clinic-campinas")) { "specialty" }
            check(rules.providers(ProviderQuery(state = "SP", specialty = "cardiology")).map { it.id } == listOf("br-hosp-sp")) { "both" }
            check(rules.providers(ProviderQuery(state = "XX")).isEmpty()) { "none" }
            val all = rules.providers(ProviderQuery())
            check(all.size == rules.clinicIds().size) { "all ${all.size}" }
        }
        test("providers_unknown_program_is_a_typed_exception") {
            val e = expectRequestError(RequestErrorKind.UNKNOWN_REFERENCE, "program") {
                rules.providers(ProviderQuery(state = "SP", program = "br-plan/enfermeria"))
            }
            check("br-plan/enfermaria" in (e.help ?: "") && "br-plan/enfermaria" in e.known) { "${e.message}" }
            expectRequestError(RequestErrorKind.UNKNOWN_REFERENCE, "service") {
                rules.providers(ProviderQuery(service = "BR-MRX"))
            }
        }
        test("scenario11_helpdesk_channel") {
            val expected = listOf(
                "2026-03-10T10:15" to Channel.HUMAN_EMAIL,
                "2026-03-10T18:00" to Channel.HUMAN_EMAIL,
                "2026-03-10T18:01" to Channel.IVR,
                "2026-03-10T07:30" to Channel.IVR,
                "2026-03-14T09:00" to Channel.HUMAN_EMAIL,
                "2026-03-14T17:30" to Channel.IVR,
                "2026-12-01T12:00" to Channel.HUMAN_EMAIL,
                "2026-12-01T17:00" to Channel.IVR,
            )
            for ((at, channel) in expected) {
                val a = rules.helpdeskChannel(at)
                check(a.channel == channel) { "$at: ${a.channel}, expected $channel" }
                check(a.at == at) { "at ${a.at}" }
            }
            val ivr = rules.helpdeskChannel("2026-03-10T18:01")
            check(ivr.dayKind == DayKind.WORKDAY && ivr.window == null) { "$ivr" }
            check(ivr.nextHumanEmail == "2026-03-11T08:00") { "next ${ivr.nextHumanEmail}" }
            val human = rules.helpdeskChannel("2026-03-10T18:00")
            check(human.window == HelpdeskWindow(from = "08:00", to = "18:00")) { "${human.window}" }
            check(human.nextHumanEmail == null && human.holidaysListedForYear) { "$human" }
            val holiday = rules.helpdeskChannel("2026-12-01T12:00")
            check(holiday.dayKind == DayKind.PUBLIC_HOLIDAY && holiday.holiday?.date == "2026-12-01") { "$holiday" }
            check(rules.helpdeskChannel("2026-03-14T09:00").dayKind == DayKind.WEEKEND) { "weekend" }
        }
        test("helpdesk_bad_moment_is_a_typed_exception") {
            val e = expectRequestError(RequestErrorKind.INVALID_FIELD, "at") { rules.helpdeskChannel("2026-03-10 25:00") }
            check("2026-03-10 25:00" in e.detail) { "${e.message}" }
            expectRequestError(RequestErrorKind.INVALID_FIELD, "at") { rules.helpdeskChannel("10.03.2026 18:01") }
        }
        test("scenario12_validate_incident") {
            val ok = rules.validateIncident(siuiIncident())
            check(ok.accepted && ok.problems.isEmpty()) { "${ok.problems}" }
            check(ok.system == "SIUI" && ok.to == "suport.siui@casan.ro") { "$ok" }
            val pdf = rules.validateIncident(siuiIncident().copy(attachments = listOf("captura.pdf")))
            check(!pdf.accepted && IncidentProblemCode.ATTACHMENT_TYPE_NOT_ALLOWED in problemCodes(pdf)) { "${pdf.problems}" }
            check(pdf.problems[0].field == "attachments[0]") { "${pdf.problems}" }
            val cnp = rules.validateIncident(siuiIncident().copy(body = "Pacientul cu CNP 2850312400014 nu apare."))
            check(!cnp.accepted && IncidentProblemCode.PERSONAL_DATA in problemCodes(cnp)) { "${cnp.problems}" }
            check(cnp.problems.none { "2850312400014" in it.message }) { "CNP echoed: ${cnp.problems}" }
            val type = rules.validateIncident(siuiIncident().copy(header = siuiIncident().header + ("provider_type" to "SPACESHIP")))
            check(!type.accepted && type.problems.any {
                it.code == IncidentProblemCode.INVALID_FIELD_VALUE && it.field == "header.provider_type"
            }) { "${type.problems}" }
            val empty = rules.validateIncident(Incident())
            check(!empty.accepted && empty.problems.any { it.code == IncidentProblemCode.MISSING_FIELD && it.field == "system" }) {
                "${empty.problems}"
            }
            check(incidentProblemCodeName(IncidentProblemCode.PERSONAL_DATA) == "PERSONAL_DATA") { "name" }
        }
        test("scenario13_route") {
            check(rules.route("dispute").level == 3u) { "dispute" }
            check(rules.route("checkup_reminder").level == 2u) { "checkup_reminder" }
            check(rules.route("choose_doctor").level == 1u) { "choose_doctor" }
            val dispute = rules.route("Dispute")
            check(dispute.topic == "dispute" && dispute.escalated) { "$dispute" }
            check(dispute.path == listOf(1u, 3u) && dispute.entryLevel == 1u) { "$dispute" }
            check(dispute.channels.isNotEmpty()) { "$dispute" }
        }
        test("unknown_topic_lists_the_known_topics") {
            val e = expectRequestError(RequestErrorKind.UNKNOWN_REFERENCE, "topic") { rules.route("disput") }
            check(e.known.size == 11 && "dispute" in e.known && "choose_doctor" in e.known) { "known ${e.known}" }
            check("dispute" in (e.help ?: "")) { "help ${e.help}" }
            check("disput" in e.detail && "legal_help" in e.detail) { "${e.message}" }
        }
        test("checkup_eligibility") {
            val forty = rules.checkupEligibility("1986-05-10", "2026-05-10")
            check(forty.eligible && forty.age == 40u && forty.everyYears == 1u) { "$forty" }
            val young = rules.checkupEligibility("2000-05-10", "2026-05-10")
            check(!young.eligible && young.nextEligibleFrom == "2027-01-01") { "$young" }
            expectRequestError(RequestErrorKind.INVALID_FIELD, "birth_date") { rules.checkupEligibility("2000-02-30", "2026-05-10") }
            expectRequestError(RequestErrorKind.INVALID_FIELD, "on") { rules.checkupEligibility("2000-05-10", "1999-05-10") }
        }
    }

    println("kotlin: $passed passed, $failed failed")
    exitProcess(if (failed == 0) 0 else 1)
}
