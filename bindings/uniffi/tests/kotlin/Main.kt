// The uniffi-generated Kotlin bindings against the built library, on the JVM
// with JNA (the same generated code an Android app uses).
//
// Run by scripts/test-uniffi.sh:
//   kotlinc gen/uniffi/medcover/medcover.kt Main.kt -cp jna.jar -include-runtime -d t.jar
//   java -Djna.library.path=target/debug -cp t.jar:jna.jar MainKt FIXTURE_DIR
// Prints `kotlin: N passed, M failed`; exits 1 on any failure.

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
        test("reason_code_names") {
            check(reasonCodeName(ReasonCode.AUTHORIZED_SERVICE) == "AUTHORIZED_SERVICE") { "name" }
        }
    }

    println("kotlin: $passed passed, $failed failed")
    exitProcess(if (failed == 0) 0 else 1)
}
