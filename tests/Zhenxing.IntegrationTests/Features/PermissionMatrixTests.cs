using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.AspNetCore.Routing.Template;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Zhenxing.IntegrationTests.Infrastructure;
using Zhenxing.Web.Features.Users;

namespace Zhenxing.IntegrationTests.Features;

/// <summary>
/// Walks every endpoint the app maps — every page handler and every API method, read from the app's
/// <see cref="EndpointDataSource"/> — with every role, and checks the answer against the permission table:
/// Office sees and edits everything but users; a liaison sees only its unit's items (others: 404);
/// a leader reads everything; the administrator manages users and units. An endpoint missing from the table fails.
/// </summary>
public abstract class PermissionMatrixTests(ZhenxingAppFactory app) : IntegrationTest(app)
{
    private const HttpStatusCode Ok = HttpStatusCode.OK;
    private const HttpStatusCode Forbidden = HttpStatusCode.Forbidden;
    private const HttpStatusCode NotFound = HttpStatusCode.NotFound;
    private const HttpStatusCode SignIn = HttpStatusCode.Redirect;
    private const HttpStatusCode Unauthorized = HttpStatusCode.Unauthorized;

    /// <summary>A redirect to the role's own start page.</summary>
    private const HttpStatusCode Elsewhere = HttpStatusCode.Redirect;

    /// <summary>
    /// The role may make this request, and the matrix does not make it: a write (replayed, it would change what the other
    /// rows read) or a PDF conversion (seconds each). The feature's own tests make it; the matrix makes the refused ones.
    /// </summary>
    private const HttpStatusCode Allowed = 0;

    private static readonly string[] Roles = ["Office", "Liaison", "Leader", "Admin", "anonymous"];

    /// <summary>Endpoints the matrix does not walk, and why.</summary>
    private static readonly (string Endpoint, string Reason)[] Excluded =
    [
        ("GET /healthz", "the load balancer's probe: open to everyone by design, says only whether the database answers"),
        ("GET /favicon.ico", "a redirect to the static icon, open to everyone"),
        ("GET /openapi/{documentName}.json", "the API description, open to everyone by design: it names the endpoints and holds no data"),
        ("GET /api/docs/{documentName?}", "the API reference page (Scalar), open to everyone by design; it reads /openapi/v1.json"),
        ("GET /api/docs/scalar.js", "the API reference page's script"),
        ("GET /api/docs/scalar.aspnetcore.js", "the API reference page's script"),
        ("GET /api/docs/favicon.svg", "the API reference page's icon"),
        ("POST /account/login", "the sign-in form, open to everyone by design (SignInTests: wrong passwords, lock-out)"),
        ("POST /account/logout", "signing out, open to everyone by design; made here it would sign the matrix's own clients out"),
    ];

    // Endpoint (as EndpointsAsync names it), the address to request, then the expected answer for:
    // Office, Liaison (市财政局), Leader, Admin, anonymous.
    // {own} is an item 市财政局 leads, {other} one it has nothing to do with; {unit}/{otherUnit}, {ownTrip}/{otherTrip},
    // {matter}/{otherMatter}, {target}/{otherTarget}, {evidence}/{otherEvidence} likewise. {draft} is a bulletin draft,
    // {draftEvidence} a file of another unit's report still in draft. Writes go with an empty form and a valid
    // anti-forgery token (pages) or an empty JSON object (API), so that only the role decides.
    private static readonly (string Endpoint, string Url, HttpStatusCode[] Expected)[] Matrix =
    [
        ("GET /", "/", [Elsewhere, Elsewhere, Elsewhere, Ok, Ok]),
        ("GET /account/login", "/account/login", [Ok, Ok, Ok, Ok, Ok]),
        ("GET /account/logout", "/account/logout", [Elsewhere, Elsewhere, Elsewhere, Elsewhere, Elsewhere]),
        ("GET /account/password", "/account/password", [Ok, Ok, Ok, Ok, SignIn]),
        ("POST /account/password", "/account/password", [Allowed, Allowed, Allowed, Allowed, SignIn]),
        ("POST /account/password?handler=Digest", "/account/password?handler=Digest", [Allowed, Allowed, Allowed, Allowed, SignIn]),
        ("GET /account/apikeys", "/account/apikeys", [Ok, Ok, Ok, Ok, SignIn]),
        ("POST /account/apikeys?handler=Create", "/account/apikeys?handler=Create", [Allowed, Allowed, Allowed, Allowed, SignIn]),
        ("POST /account/apikeys?handler=Revoke", "/account/apikeys?handler=Revoke&id={apiKey}", [Allowed, NotFound, NotFound, NotFound, SignIn]),
        ("GET /error/{code:int}", "/error/404", [Ok, Ok, Ok, Ok, Ok]),

        ("GET /ledger", "/ledger", [Ok, Ok, Ok, Ok, SignIn]),
        ("POST /ledger?handler=Assign", "/ledger?handler=Assign", [Allowed, Forbidden, Forbidden, Forbidden, SignIn]),
        ("GET /ledger/export.xlsx", "/ledger/export.xlsx", [Ok, Ok, Ok, Ok, SignIn]),
        ("GET /ledger/export.docx", "/ledger/export.docx", [Ok, Ok, Ok, Ok, SignIn]),
        ("GET /ledger/export.csv", "/ledger/export.csv", [Ok, Ok, Ok, Ok, SignIn]),
        ("GET /ledger/export.json", "/ledger/export.json", [Ok, Ok, Ok, Ok, SignIn]),
        ("GET /dashboard", "/dashboard", [Ok, Forbidden, Ok, Ok, SignIn]),
        ("GET /dashboard/wall", "/dashboard/wall", [Ok, Forbidden, Ok, Ok, SignIn]),
        ("GET /dashboard/maps/{map}.json", "/dashboard/maps/ganzhou.json", [Ok, Forbidden, Ok, Ok, SignIn]),

        ("GET /items/{id:int}", "/items/{own}", [Ok, Ok, Ok, Ok, SignIn]),
        ("GET /items/{id:int}", "/items/{other}", [Ok, NotFound, Ok, Ok, SignIn]),
        ("POST /items/{id:int}?handler=Instruct", "/items/{own}?handler=Instruct", [Forbidden, Forbidden, Allowed, Forbidden, SignIn]),
        ("POST /items/{id:int}?handler=Answer", "/items/{own}?handler=Answer", [Forbidden, Allowed, Forbidden, Forbidden, SignIn]),
        ("POST /items/{id:int}?handler=Answer", "/items/{other}?handler=Answer", [Forbidden, NotFound, Forbidden, Forbidden, SignIn]),
        ("POST /items/{id:int}?handler=AddMilestone", "/items/{own}?handler=AddMilestone", [Allowed, Forbidden, Forbidden, Forbidden, SignIn]),
        ("POST /items/{id:int}?handler=RemoveMilestone", "/items/{own}?handler=RemoveMilestone", [Allowed, Forbidden, Forbidden, Forbidden, SignIn]),
        ("GET /items/{id:int}/extension", "/items/{own}/extension", [Ok, Ok, Ok, Ok, SignIn]),
        ("GET /items/{id:int}/extension", "/items/{other}/extension", [Ok, NotFound, Ok, Ok, SignIn]),
        ("POST /items/{id:int}/extension", "/items/{own}/extension", [Forbidden, Allowed, Forbidden, Forbidden, SignIn]),
        ("POST /items/{id:int}/extension", "/items/{other}/extension", [Forbidden, NotFound, Forbidden, Forbidden, SignIn]),
        ("GET /extensions", "/extensions", [Ok, Forbidden, Forbidden, Forbidden, SignIn]),
        ("POST /extensions?handler=Decide", "/extensions?handler=Decide", [Allowed, Forbidden, Forbidden, Forbidden, SignIn]),
        ("GET /items/{id:int}/edit", "/items/{own}/edit", [Ok, Forbidden, Forbidden, Forbidden, SignIn]),
        ("POST /items/{id:int}/edit", "/items/{own}/edit", [Allowed, Forbidden, Forbidden, Forbidden, SignIn]),
        ("GET /items/{id:int}/{operation:regex(^(split|merge|withdraw)$)}", "/items/{own}/split", [Ok, Forbidden, Forbidden, Forbidden, SignIn]),
        ("GET /items/{id:int}/{operation:regex(^(split|merge|withdraw)$)}", "/items/{own}/merge", [Ok, Forbidden, Forbidden, Forbidden, SignIn]),
        ("GET /items/{id:int}/{operation:regex(^(split|merge|withdraw)$)}", "/items/{own}/withdraw", [Ok, Forbidden, Forbidden, Forbidden, SignIn]),
        ("POST /items/{id:int}/{operation:regex(^(split|merge|withdraw)$)}", "/items/{own}/withdraw", [Allowed, Forbidden, Forbidden, Forbidden, SignIn]),

        ("GET /units/{id:int}", "/units/{unit}", [Ok, Ok, Ok, Ok, SignIn]),
        ("GET /units/{id:int}", "/units/{otherUnit}", [Ok, NotFound, Ok, Ok, SignIn]),
        ("POST /units/{id:int}?handler=Channel", "/units/{unit}?handler=Channel", [Allowed, Allowed, Forbidden, Forbidden, SignIn]),
        ("POST /units/{id:int}?handler=Channel", "/units/{otherUnit}?handler=Channel", [Allowed, NotFound, Forbidden, Forbidden, SignIn]),
        ("POST /units/{id:int}?handler=ChannelTest", "/units/{unit}?handler=ChannelTest", [Allowed, Allowed, Forbidden, Forbidden, SignIn]),
        ("POST /units/{id:int}?handler=ChannelTest", "/units/{otherUnit}?handler=ChannelTest", [Allowed, NotFound, Forbidden, Forbidden, SignIn]),
        ("POST /units/{id:int}?handler=ChannelRemove", "/units/{unit}?handler=ChannelRemove", [Allowed, Allowed, Forbidden, Forbidden, SignIn]),
        ("POST /units/{id:int}?handler=ChannelRemove", "/units/{otherUnit}?handler=ChannelRemove", [Allowed, NotFound, Forbidden, Forbidden, SignIn]),
        ("GET /units/names.json", "/units/names.json", [Ok, Ok, Ok, Ok, SignIn]),
        ("GET /admin/units", "/admin/units", [Ok, Forbidden, Forbidden, Ok, SignIn]),
        ("POST /admin/units", "/admin/units", [Allowed, Forbidden, Forbidden, Allowed, SignIn]),
        ("GET /admin/units/{id:int}", "/admin/units/{unit}", [Ok, Forbidden, Forbidden, Ok, SignIn]),
        ("POST /admin/units/{id:int}", "/admin/units/{unit}", [Allowed, Forbidden, Forbidden, Allowed, SignIn]),
        ("POST /admin/units/{id:int}?handler=Merge", "/admin/units/{unit}?handler=Merge", [Allowed, Forbidden, Forbidden, Allowed, SignIn]),
        ("GET /admin/users", "/admin/users", [Forbidden, Forbidden, Forbidden, Ok, SignIn]),
        ("POST /admin/users?handler=Add", "/admin/users?handler=Add", [Forbidden, Forbidden, Forbidden, Allowed, SignIn]),
        ("POST /admin/users?handler=Reset", "/admin/users?handler=Reset", [Forbidden, Forbidden, Forbidden, Allowed, SignIn]),
        ("POST /admin/users?handler=Toggle", "/admin/users?handler=Toggle", [Forbidden, Forbidden, Forbidden, Allowed, SignIn]),
        ("GET /admin/users/{id:int}", "/admin/users/{user}", [Forbidden, Forbidden, Forbidden, Ok, SignIn]),
        ("POST /admin/users/{id:int}", "/admin/users/{user}", [Forbidden, Forbidden, Forbidden, Allowed, SignIn]),

        ("GET /imports", "/imports", [Ok, Forbidden, Forbidden, Forbidden, SignIn]),
        ("POST /imports", "/imports", [Allowed, Forbidden, Forbidden, Forbidden, SignIn]),
        ("GET /imports/{id:int}", "/imports/{import}", [Ok, Forbidden, Forbidden, Forbidden, SignIn]),
        ("POST /imports/{id:int}?handler=Confirm", "/imports/{import}?handler=Confirm", [Allowed, Forbidden, Forbidden, Forbidden, SignIn]),
        ("POST /imports/{id:int}?handler=Cancel", "/imports/{import}?handler=Cancel", [Allowed, Forbidden, Forbidden, Forbidden, SignIn]),
        ("POST /imports/{id:int}?handler=Columns", "/imports/{import}?handler=Columns", [Allowed, Forbidden, Forbidden, Forbidden, SignIn]),
        ("POST /imports/{id:int}?handler=Correct", "/imports/{import}?handler=Correct", [Allowed, Forbidden, Forbidden, Forbidden, SignIn]),
        ("GET /lists/{id:int}", "/lists/{list}", [Ok, Forbidden, Forbidden, Forbidden, SignIn]),
        ("POST /lists/{id:int}", "/lists/{list}", [Allowed, Forbidden, Forbidden, Forbidden, SignIn]),
        ("GET /notifications", "/notifications", [Ok, Ok, Ok, Ok, SignIn]),
        ("POST /notifications?handler=ReadAll", "/notifications?handler=ReadAll", [Allowed, Allowed, Allowed, Allowed, SignIn]),

        ("GET /rounds", "/rounds", [Ok, Ok, Ok, Ok, SignIn]),
        ("POST /rounds", "/rounds", [Allowed, Forbidden, Forbidden, Forbidden, SignIn]),
        ("GET /rounds/{id:int}/status", "/rounds/{round}/status", [Ok, Ok, Ok, Ok, SignIn]),
        ("GET /rounds/{id:int}", "/rounds/{round}", [Ok, Forbidden, Ok, Ok, SignIn]),
        ("GET /review", "/review", [Ok, Forbidden, Forbidden, Forbidden, SignIn]),
        ("POST /review?handler=Review", "/review?handler=Review&reportId={report}&decision=accept", [Allowed, Forbidden, Forbidden, Forbidden, SignIn]),
        ("POST /rounds/{id:int}?handler=Review", "/rounds/{round}?handler=Review&reportId={report}", [Allowed, Forbidden, Forbidden, Forbidden, SignIn]),
        ("POST /rounds/{id:int}?handler=AcceptAll", "/rounds/{round}?handler=AcceptAll", [Allowed, Forbidden, Forbidden, Forbidden, SignIn]),
        ("GET /rounds/{id:int}/chase", "/rounds/{round}/chase", [Ok, Forbidden, Forbidden, Forbidden, SignIn]),
        ("POST /rounds/{id:int}/chase", "/rounds/{round}/chase", [Allowed, Forbidden, Forbidden, Forbidden, SignIn]),
        ("POST /inbox?handler=Acknowledge", "/inbox?handler=Acknowledge", [Forbidden, Allowed, Forbidden, Forbidden, SignIn]),
        ("GET /acknowledgements", "/acknowledgements", [Ok, Forbidden, Forbidden, Ok, SignIn]),
        ("GET /holidays", "/holidays", [Ok, Forbidden, Forbidden, Ok, SignIn]),
        ("POST /holidays", "/holidays", [Allowed, Forbidden, Forbidden, Allowed, SignIn]),
        ("POST /holidays?handler=Remove", "/holidays?handler=Remove", [Allowed, Forbidden, Forbidden, Allowed, SignIn]),
        ("POST /rounds/{id:int}?handler=Close", "/rounds/{round}?handler=Close", [Allowed, Forbidden, Forbidden, Forbidden, SignIn]),
        ("GET /inbox", "/inbox", [Forbidden, Ok, Forbidden, Forbidden, SignIn]),
        ("GET /rounds/{roundId:int}/sheet", "/rounds/{round}/sheet", [Ok, Ok, Forbidden, Forbidden, SignIn]),
        ("POST /rounds/{roundId:int}/sheet", "/rounds/{round}/sheet", [Allowed, Allowed, Forbidden, Forbidden, SignIn]),
        ("POST /rounds/{roundId:int}/sheet?handler=Confirm", "/rounds/{round}/sheet?handler=Confirm", [Allowed, Allowed, Forbidden, Forbidden, SignIn]),
        ("GET /rounds/{roundId:int}/items/{itemId:int}/report", "/rounds/{round}/items/{own}/report", [Ok, Ok, Ok, Ok, SignIn]),
        ("GET /rounds/{roundId:int}/items/{itemId:int}/report", "/rounds/{round}/items/{other}/report", [Ok, NotFound, Ok, Ok, SignIn]),
        ("POST /rounds/{roundId:int}/items/{itemId:int}/report", "/rounds/{round}/items/{own}/report", [Forbidden, Allowed, Forbidden, Forbidden, SignIn]),
        ("POST /rounds/{roundId:int}/items/{itemId:int}/report", "/rounds/{round}/items/{other}/report", [Forbidden, NotFound, Forbidden, Forbidden, SignIn]),
        ("GET /evidence/{id:int}", "/evidence/{evidence}", [Ok, Ok, Ok, Ok, SignIn]),
        ("GET /evidence/{id:int}", "/evidence/{otherEvidence}", [Ok, NotFound, Ok, Ok, SignIn]),
        ("GET /evidence/{id:int}", "/evidence/{draftEvidence}", [NotFound, NotFound, NotFound, NotFound, SignIn]),

        ("GET /assessments", "/assessments", [Ok, Ok, Ok, Ok, SignIn]),
        ("POST /assessments", "/assessments", [Allowed, Forbidden, Forbidden, Forbidden, SignIn]),
        ("GET /assessments/{id:int}", "/assessments/{assessment}", [Ok, Ok, Ok, Ok, SignIn]),
        ("POST /assessments/{id:int}?handler=Adjust", "/assessments/{assessment}?handler=Adjust", [Allowed, Forbidden, Forbidden, Forbidden, SignIn]),
        ("GET /assessments/{id:int}/units/{unitId:int}", "/assessments/{assessment}/units/{unit}", [Ok, Ok, Ok, Ok, SignIn]),
        ("GET /assessments/{id:int}/units/{unitId:int}", "/assessments/{assessment}/units/{otherUnit}", [Ok, NotFound, Ok, Ok, SignIn]),
        ("GET /assessments/{id:int}/export.xlsx", "/assessments/{assessment}/export.xlsx", [Ok, Ok, Ok, Ok, SignIn]),

        ("GET /bulletins", "/bulletins", [Ok, Ok, Ok, Ok, SignIn]),
        ("GET /bulletins/new", "/bulletins/new", [Ok, Forbidden, Forbidden, Forbidden, SignIn]),
        ("POST /bulletins/new", "/bulletins/new", [Allowed, Forbidden, Forbidden, Forbidden, SignIn]),
        ("GET /bulletins/{id:int}", "/bulletins/{bulletin}", [Ok, Ok, Ok, Ok, SignIn]),
        ("GET /bulletins/{id:int}", "/bulletins/{draft}", [Ok, NotFound, NotFound, NotFound, SignIn]),
        ("GET /bulletins/{id:int}.docx", "/bulletins/{bulletin}.docx", [Ok, Ok, Ok, Ok, SignIn]),
        ("GET /bulletins/{id:int}.docx", "/bulletins/{draft}.docx", [Ok, NotFound, NotFound, NotFound, SignIn]),
        ("GET /bulletins/{id:int}.pdf", "/bulletins/{bulletin}.pdf", [Allowed, Allowed, Allowed, Allowed, SignIn]),
        ("GET /bulletins/{id:int}.pdf", "/bulletins/{draft}.pdf", [Allowed, NotFound, NotFound, NotFound, SignIn]),
        ("GET /bulletins/{id:int}/edit", "/bulletins/{draft}/edit", [Ok, Forbidden, Forbidden, Forbidden, SignIn]),
        ("POST /bulletins/{id:int}/edit?handler=Save", "/bulletins/{draft}/edit?handler=Save", [Allowed, Forbidden, Forbidden, Forbidden, SignIn]),
        ("POST /bulletins/{id:int}/edit?handler=Publish", "/bulletins/{draft}/edit?handler=Publish", [Allowed, Forbidden, Forbidden, Forbidden, SignIn]),
        ("POST /bulletins/{id:int}/edit?handler=Add", "/bulletins/{draft}/edit?handler=Add", [Allowed, Forbidden, Forbidden, Forbidden, SignIn]),
        ("POST /bulletins/{id:int}/edit?handler=Remove", "/bulletins/{draft}/edit?handler=Remove", [Allowed, Forbidden, Forbidden, Forbidden, SignIn]),
        ("POST /bulletins/{id:int}/edit?handler=Move", "/bulletins/{draft}/edit?handler=Move", [Allowed, Forbidden, Forbidden, Forbidden, SignIn]),
        ("GET /bulletins/{id:int}/publish", "/bulletins/{draft}/publish", [Ok, Forbidden, Forbidden, Forbidden, SignIn]),
        ("POST /bulletins/{id:int}/publish", "/bulletins/{draft}/publish", [Allowed, Forbidden, Forbidden, Forbidden, SignIn]),
        ("GET /bulletins/{id:int}/delete", "/bulletins/{draft}/delete", [Ok, Forbidden, Forbidden, Forbidden, SignIn]),
        ("POST /bulletins/{id:int}/delete", "/bulletins/{draft}/delete", [Allowed, Forbidden, Forbidden, Forbidden, SignIn]),

        ("GET /pairings", "/pairings", [Ok, Ok, Ok, Ok, SignIn]),
        ("GET /pairings", "/pairings?view=city", [Ok, Ok, Ok, Ok, SignIn]),
        ("GET /pairings/{id:int}", "/pairings/{pairing}", [Ok, Ok, Ok, Ok, SignIn]),
        ("POST /pairings/{id:int}?handler=File", "/pairings/{pairing}?handler=File", [Allowed, Forbidden, Forbidden, Forbidden, SignIn]),
        ("POST /pairings/{id:int}?handler=ChangePartner", "/pairings/{pairing}?handler=ChangePartner", [Allowed, Forbidden, Forbidden, Forbidden, SignIn]),
        ("POST /pairings/{id:int}?handler=End", "/pairings/{pairing}?handler=End", [Allowed, Forbidden, Forbidden, Forbidden, SignIn]),
        ("GET /pairings/new", "/pairings/new", [Ok, Forbidden, Forbidden, Forbidden, SignIn]),
        ("POST /pairings/new?handler=Scheme", "/pairings/new?handler=Scheme", [Allowed, Forbidden, Forbidden, Forbidden, SignIn]),
        ("POST /pairings/new?handler=Pairing", "/pairings/new?handler=Pairing", [Allowed, Forbidden, Forbidden, Forbidden, SignIn]),
        ("GET /pairings/activities", "/pairings/activities", [Ok, Ok, Ok, Ok, SignIn]),
        ("GET /pairings/activities/{id:int}/edit", "/pairings/activities/{activity}/edit", [Ok, Forbidden, Forbidden, Forbidden, SignIn]),
        ("POST /pairings/activities/{id:int}/edit", "/pairings/activities/{activity}/edit", [Allowed, Forbidden, Forbidden, Forbidden, SignIn]),
        ("POST /pairings/activities/{id:int}/edit?handler=Delete", "/pairings/activities/{activity}/edit?handler=Delete", [Allowed, Forbidden, Forbidden, Forbidden, SignIn]),
        ("GET /pairings/figures", "/pairings/figures", [Ok, Ok, Ok, Ok, SignIn]),
        ("GET /pairings/evaluation", "/pairings/evaluation", [Ok, Ok, Ok, Ok, SignIn]),
        ("GET /pairings/evaluation.xlsx", "/pairings/evaluation.xlsx", [Ok, Ok, Ok, Ok, SignIn]),

        ("GET /trips", "/trips", [Ok, Ok, Ok, Ok, SignIn]),
        ("POST /trips", "/trips", [Allowed, Allowed, Forbidden, Forbidden, SignIn]),
        ("GET /trips/{id:int}", "/trips/{ownTrip}", [Ok, Ok, Ok, Ok, SignIn]),
        ("GET /trips/{id:int}", "/trips/{otherTrip}", [Ok, NotFound, Ok, Ok, SignIn]),
        ("POST /trips/{id:int}", "/trips/{ownTrip}", [Allowed, Allowed, Forbidden, Forbidden, SignIn]),
        ("POST /trips/{id:int}", "/trips/{otherTrip}", [Allowed, NotFound, Forbidden, Forbidden, SignIn]),
        ("POST /trips/{id:int}?handler=Delete", "/trips/{ownTrip}?handler=Delete", [Allowed, Allowed, Forbidden, Forbidden, SignIn]),
        ("POST /trips/{id:int}?handler=Delete", "/trips/{otherTrip}?handler=Delete", [Allowed, NotFound, Forbidden, Forbidden, SignIn]),
        ("GET /trips/compliance", "/trips/compliance", [Ok, Ok, Ok, Ok, SignIn]),
        ("POST /trips/compliance", "/trips/compliance", [Allowed, Forbidden, Forbidden, Forbidden, SignIn]),

        ("GET /targets", "/targets", [Ok, Ok, Ok, Ok, SignIn]),
        ("GET /targets/{id:int}", "/targets/{target}", [Ok, Ok, Ok, Ok, SignIn]),
        ("GET /targets/new", "/targets/new", [Ok, Forbidden, Forbidden, Forbidden, SignIn]),
        ("POST /targets/new", "/targets/new", [Allowed, Forbidden, Forbidden, Forbidden, SignIn]),
        ("GET /targets/{id:int}/edit", "/targets/{target}/edit", [Ok, Forbidden, Forbidden, Forbidden, SignIn]),
        ("POST /targets/{id:int}/edit", "/targets/{target}/edit", [Allowed, Forbidden, Forbidden, Forbidden, SignIn]),
        ("GET /targets/candidates", "/targets/candidates", [Ok, Forbidden, Forbidden, Forbidden, SignIn]),
        ("POST /targets/candidates?handler=Extract", "/targets/candidates?handler=Extract", [Allowed, Forbidden, Forbidden, Forbidden, SignIn]),
        ("POST /targets/candidates?handler=Confirm", "/targets/candidates?handler=Confirm", [Allowed, Forbidden, Forbidden, Forbidden, SignIn]),
        ("GET /targets/evidence/{id:int}", "/targets/evidence/{targetEvidence}", [Ok, Ok, Ok, Ok, SignIn]),
        ("GET /rounds/{roundId:int}/targets", "/rounds/{round}/targets", [Ok, Ok, Ok, Ok, SignIn]),
        ("POST /rounds/{roundId:int}/targets?handler=Report", "/rounds/{round}/targets?handler=Report&targetId={target}", [Allowed, Allowed, Forbidden, Forbidden, SignIn]),
        ("POST /rounds/{roundId:int}/targets?handler=Report", "/rounds/{round}/targets?handler=Report&targetId={otherTarget}", [Allowed, Forbidden, Forbidden, Forbidden, SignIn]),
        ("POST /rounds/{roundId:int}/targets?handler=Review", "/rounds/{round}/targets?handler=Review&reportId={targetReport}", [Allowed, Forbidden, Forbidden, Forbidden, SignIn]),
        ("GET /meetings", "/meetings", [Ok, Ok, Ok, Ok, SignIn]),
        ("POST /meetings", "/meetings", [Allowed, Forbidden, Forbidden, Forbidden, SignIn]),
        ("GET /meetings/{id:int}", "/meetings/{meeting}", [Ok, Ok, Ok, Ok, SignIn]),
        ("POST /meetings/{id:int}?handler=Meeting", "/meetings/{meeting}?handler=Meeting", [Allowed, Forbidden, Forbidden, Forbidden, SignIn]),
        ("POST /meetings/{id:int}?handler=AddMatter", "/meetings/{meeting}?handler=AddMatter", [Allowed, Forbidden, Forbidden, Forbidden, SignIn]),
        ("POST /meetings/{id:int}?handler=EditMatter", "/meetings/{meeting}?handler=EditMatter&matterId={matter}", [Allowed, Forbidden, Forbidden, Forbidden, SignIn]),
        ("POST /meetings/{id:int}?handler=Landing", "/meetings/{meeting}?handler=Landing&matterId={matter}", [Allowed, Allowed, Forbidden, Forbidden, SignIn]),
        ("POST /meetings/{id:int}?handler=Landing", "/meetings/{meeting}?handler=Landing&matterId={otherMatter}", [Allowed, Forbidden, Forbidden, Forbidden, SignIn]),

        ("* /api/{**path}", "/api/v1/no-such-endpoint", [NotFound, NotFound, NotFound, NotFound, NotFound]),
        ("GET /api/v1/items", "/api/v1/items", [Ok, Ok, Ok, Ok, Unauthorized]),
        ("GET /api/v1/items/{id:int}", "/api/v1/items/{own}", [Ok, Ok, Ok, Ok, Unauthorized]),
        ("GET /api/v1/items/{id:int}", "/api/v1/items/{other}", [Ok, NotFound, Ok, Ok, Unauthorized]),
        ("PATCH /api/v1/items/{id:int}", "/api/v1/items/{own}", [Allowed, Forbidden, Forbidden, Forbidden, Unauthorized]),
        ("PATCH /api/v1/items/{id:int}", "/api/v1/items/{other}", [Allowed, Forbidden, Forbidden, Forbidden, Unauthorized]),
        ("GET /api/v1/lists", "/api/v1/lists", [Ok, Ok, Ok, Ok, Unauthorized]),
        ("GET /api/v1/lists/{id:int}", "/api/v1/lists/{list}", [Ok, Ok, Ok, Ok, Unauthorized]),
        ("GET /api/v1/categories", "/api/v1/categories", [Ok, Ok, Ok, Ok, Unauthorized]),
        ("GET /api/v1/units", "/api/v1/units", [Ok, Ok, Ok, Ok, Unauthorized]),
        ("GET /api/v1/units/{id:int}", "/api/v1/units/{otherUnit}", [Ok, Ok, Ok, Ok, Unauthorized]),
        ("GET /api/v1/dashboard", "/api/v1/dashboard", [Ok, Forbidden, Ok, Ok, Unauthorized]),
        ("GET /api/v1/bulletins", "/api/v1/bulletins", [Ok, Ok, Ok, Ok, Unauthorized]),
        ("GET /api/v1/bulletins/{id:int}", "/api/v1/bulletins/{bulletin}", [Ok, Ok, Ok, Ok, Unauthorized]),
        ("GET /api/v1/bulletins/{id:int}", "/api/v1/bulletins/{draft}", [Ok, NotFound, NotFound, NotFound, Unauthorized]),
        ("GET /api/v1/rounds", "/api/v1/rounds", [Ok, Ok, Ok, Ok, Unauthorized]),
        ("POST /api/v1/rounds", "/api/v1/rounds", [Allowed, Forbidden, Forbidden, Forbidden, Unauthorized]),
        ("GET /api/v1/rounds/{id:int}/obligations", "/api/v1/rounds/{round}/obligations", [Ok, Ok, Ok, Ok, Unauthorized]),
        ("GET /api/v1/rounds/{id:int}/statistics", "/api/v1/rounds/{round}/statistics", [Ok, Ok, Ok, Ok, Unauthorized]),
        ("PUT /api/v1/rounds/{id:int}/items/{itemId:int}/report", "/api/v1/rounds/{round}/items/{own}/report", [Forbidden, Allowed, Forbidden, Forbidden, Unauthorized]),
        ("PUT /api/v1/rounds/{id:int}/items/{itemId:int}/report", "/api/v1/rounds/{round}/items/{other}/report", [Forbidden, NotFound, Forbidden, Forbidden, Unauthorized]),
        ("POST /api/v1/reports/{id:int}/review", "/api/v1/reports/{report}/review", [Allowed, Forbidden, Forbidden, Forbidden, Unauthorized]),
        ("POST /api/v1/rounds/{id:int}/reminders", "/api/v1/rounds/{round}/reminders", [Allowed, Forbidden, Forbidden, Forbidden, Unauthorized]),
        ("POST /api/v1/rounds/{id:int}/close", "/api/v1/rounds/{round}/close", [Allowed, Forbidden, Forbidden, Forbidden, Unauthorized]),
        ("GET /api/v1/pairings", "/api/v1/pairings", [Ok, Ok, Ok, Ok, Unauthorized]),
        ("POST /api/v1/pairings", "/api/v1/pairings", [Allowed, Forbidden, Forbidden, Forbidden, Unauthorized]),
        ("GET /api/v1/pairings/{id:int}", "/api/v1/pairings/{pairing}", [Ok, Ok, Ok, Ok, Unauthorized]),
        ("POST /api/v1/pairing-schemes", "/api/v1/pairing-schemes", [Allowed, Forbidden, Forbidden, Forbidden, Unauthorized]),
        ("POST /api/v1/pairings/{id:int}/change-partner", "/api/v1/pairings/{pairing}/change-partner", [Allowed, Forbidden, Forbidden, Forbidden, Unauthorized]),
        ("POST /api/v1/pairings/{id:int}/end", "/api/v1/pairings/{pairing}/end", [Allowed, Forbidden, Forbidden, Forbidden, Unauthorized]),
        ("GET /api/v1/pairings/{id:int}/activities", "/api/v1/pairings/{pairing}/activities", [Ok, Ok, Ok, Ok, Unauthorized]),
        ("POST /api/v1/pairings/{id:int}/activities", "/api/v1/pairings/{pairing}/activities", [Allowed, Forbidden, Forbidden, Forbidden, Unauthorized]),
        ("PUT /api/v1/pairing-activities/{id:int}", "/api/v1/pairing-activities/{activity}", [Allowed, Forbidden, Forbidden, Forbidden, Unauthorized]),
        ("DELETE /api/v1/pairing-activities/{id:int}", "/api/v1/pairing-activities/{activity}?version=0", [Allowed, Forbidden, Forbidden, Forbidden, Unauthorized]),
        ("GET /api/v1/pairings/figures", "/api/v1/pairings/figures", [Ok, Ok, Ok, Ok, Unauthorized]),
        ("GET /api/v1/pairings/evaluation", "/api/v1/pairings/evaluation", [Ok, Ok, Ok, Ok, Unauthorized]),
        ("GET /api/v1/trips", "/api/v1/trips", [Ok, Ok, Ok, Ok, Unauthorized]),
        ("POST /api/v1/trips", "/api/v1/trips", [Allowed, Allowed, Forbidden, Forbidden, Unauthorized]),
        ("GET /api/v1/trips/{id:int}", "/api/v1/trips/{ownTrip}", [Ok, Ok, Ok, Ok, Unauthorized]),
        ("GET /api/v1/trips/{id:int}", "/api/v1/trips/{otherTrip}", [Ok, NotFound, Ok, Ok, Unauthorized]),
        ("PUT /api/v1/trips/{id:int}", "/api/v1/trips/{ownTrip}", [Allowed, Allowed, Forbidden, Forbidden, Unauthorized]),
        ("PUT /api/v1/trips/{id:int}", "/api/v1/trips/{otherTrip}", [Allowed, NotFound, Forbidden, Forbidden, Unauthorized]),
        ("DELETE /api/v1/trips/{id:int}", "/api/v1/trips/{ownTrip}?version=0", [Allowed, Allowed, Forbidden, Forbidden, Unauthorized]),
        ("DELETE /api/v1/trips/{id:int}", "/api/v1/trips/{otherTrip}?version=0", [Allowed, NotFound, Forbidden, Forbidden, Unauthorized]),
        ("GET /api/v1/trips/compliance", "/api/v1/trips/compliance", [Ok, Ok, Ok, Ok, Unauthorized]),
        ("GET /api/v1/trips/rule", "/api/v1/trips/rule", [Ok, Ok, Ok, Ok, Unauthorized]),
        ("PUT /api/v1/trips/rule", "/api/v1/trips/rule", [Allowed, Forbidden, Forbidden, Forbidden, Unauthorized]),
        ("GET /api/v1/targets", "/api/v1/targets", [Ok, Ok, Ok, Ok, Unauthorized]),
        ("POST /api/v1/targets", "/api/v1/targets", [Allowed, Forbidden, Forbidden, Forbidden, Unauthorized]),
        ("GET /api/v1/targets/{id:int}", "/api/v1/targets/{target}", [Ok, Ok, Ok, Ok, Unauthorized]),
        ("PUT /api/v1/targets/{id:int}", "/api/v1/targets/{target}", [Allowed, Forbidden, Forbidden, Forbidden, Unauthorized]),
        ("POST /api/v1/targets/candidates", "/api/v1/targets/candidates", [Allowed, Forbidden, Forbidden, Forbidden, Unauthorized]),
        ("GET /api/v1/rounds/{id:int}/targets", "/api/v1/rounds/{round}/targets", [Ok, Ok, Ok, Ok, Unauthorized]),
        ("PUT /api/v1/rounds/{id:int}/targets/{targetId:int}/report", "/api/v1/rounds/{round}/targets/{target}/report", [Allowed, Allowed, Forbidden, Forbidden, Unauthorized]),
        ("PUT /api/v1/rounds/{id:int}/targets/{targetId:int}/report", "/api/v1/rounds/{round}/targets/{otherTarget}/report", [Allowed, Forbidden, Forbidden, Forbidden, Unauthorized]),
        ("POST /api/v1/target-reports/{id:int}/review", "/api/v1/target-reports/{targetReport}/review", [Allowed, Forbidden, Forbidden, Forbidden, Unauthorized]),
        ("GET /api/v1/meetings", "/api/v1/meetings", [Ok, Ok, Ok, Ok, Unauthorized]),
        ("POST /api/v1/meetings", "/api/v1/meetings", [Allowed, Forbidden, Forbidden, Forbidden, Unauthorized]),
        ("GET /api/v1/meetings/{id:int}", "/api/v1/meetings/{meeting}", [Ok, Ok, Ok, Ok, Unauthorized]),
        ("PUT /api/v1/meetings/{id:int}", "/api/v1/meetings/{meeting}", [Allowed, Forbidden, Forbidden, Forbidden, Unauthorized]),
        ("POST /api/v1/meetings/{id:int}/matters", "/api/v1/meetings/{meeting}/matters", [Allowed, Forbidden, Forbidden, Forbidden, Unauthorized]),
        ("PUT /api/v1/matters/{id:int}", "/api/v1/matters/{matter}", [Allowed, Forbidden, Forbidden, Forbidden, Unauthorized]),
        ("POST /api/v1/matters/{id:int}/landing", "/api/v1/matters/{matter}/landing", [Allowed, Allowed, Forbidden, Forbidden, Unauthorized]),
        ("POST /api/v1/matters/{id:int}/landing", "/api/v1/matters/{otherMatter}/landing", [Allowed, Forbidden, Forbidden, Forbidden, Unauthorized]),
    ];

    [Fact]
    public async Task EveryEndpointTheAppMapsIsInThePermissionMatrix()
    {
        var endpoints = await MappedEndpointsAsync();

        // Pages with each handler and the API with each method are read from the app, not listed by hand.
        endpoints.ShouldContain("POST /items/{id:int}?handler=Instruct");
        endpoints.ShouldContain("PATCH /api/v1/items/{id:int}");
        endpoints.ShouldContain("GET /assessments/{id:int}/export.xlsx");
        CoverageProblems(endpoints, Matrix, Excluded).ShouldBeEmpty();
    }

    [Fact]
    public async Task AnEndpointMissingFromTheMatrixFailsTheCoverageCheck()
    {
        var mapped = App.Services.GetRequiredService<EndpointDataSource>().Endpoints;
        var pages = App.Services.GetRequiredService<PageLoader>();

        // A new API endpoint nobody added a row for.
        var added = new RouteEndpoint(_ => Task.CompletedTask, RoutePatternFactory.Parse("/api/v1/items/{id:int}/secrets"), 0,
            new EndpointMetadataCollection(new HttpMethodMetadata(["DELETE"])), "DELETE /api/v1/items/{id:int}/secrets");
        CoverageProblems(await EndpointsAsync([.. mapped, added], pages), Matrix, Excluded)
            .ShouldBe(["DELETE /api/v1/items/{id:int}/secrets: not in the permission matrix (add a row with every role's answer, or exclude it with a reason)"]);

        // A route whose row was left out of the table.
        const string trace = "GET /assessments/{id:int}/units/{unitId:int}";
        var endpoints = await EndpointsAsync(mapped, pages);
        CoverageProblems(endpoints, Matrix.Where(r => r.Endpoint != trace), Excluded)
            .ShouldBe([$"{trace}: not in the permission matrix (add a row with every role's answer, or exclude it with a reason)"]);

        // A row for a route the app no longer maps, and a row whose address is another route's.
        CoverageProblems(endpoints, [.. Matrix, ("GET /assessments/{id:int}/units", "/assessments/{assessment}/units", [Ok, Ok, Ok, Ok, SignIn])], Excluded)
            .ShouldBe(["GET /assessments/{id:int}/units: in the matrix, but the app maps no such endpoint"]);
        CoverageProblems(endpoints, [.. Matrix, (trace, "/units/{otherUnit}", [Ok, NotFound, Ok, Ok, SignIn])], Excluded)
            .ShouldBe([$"{trace}: the address /units/{{otherUnit}} is not one of its addresses"]);
    }

    [Fact]
    public async Task EveryRouteAnswersEveryRoleAsThePermissionTableSays()
    {
        var ids = await CreateDataAsync();
        HttpClient[] clients =
        [
            await App.SignInAsync("office1"), await App.SignInAsync("czj"), await App.SignInAsync("leader1"),
            await App.SignInAsync("admin1"), App.CreateBrowser(),
        ];
        var tokens = new string[clients.Length];
        for (var r = 0; r < clients.Length; r++)
        {
            tokens[r] = await clients[r].AntiforgeryTokenAsync(Roles[r] == "anonymous" ? "/account/login" : "/account/password");
        }
        var auditBefore = await App.WithDbAsync(db => db.AuditEntries.CountAsync());

        var mismatches = new List<string>();
        // Reads first, then the writes the roles may not make: afterwards the audit log shows that none changed anything.
        foreach (var endpoint in (await MappedEndpointsAsync()).OrderBy(e => e.StartsWith("GET ") || e.StartsWith("* ") ? 0 : 1))
        {
            if (Excluded.Any(e => e.Endpoint == endpoint))
            {
                continue;
            }
            var rows = Matrix.Where(r => r.Endpoint == endpoint).ToList();
            if (rows.Count == 0)
            {
                mismatches.Add($"{endpoint}: not in the permission matrix");
            }
            var method = endpoint[..endpoint.IndexOf(' ')] is "*" ? "GET" : endpoint[..endpoint.IndexOf(' ')];
            foreach (var (_, address, expected) in rows)
            {
                var url = System.Text.RegularExpressions.Regex.Replace(address, @"\{(\w+)\}", m => ids[m.Groups[1].Value].ToString());
                for (var r = 0; r < Roles.Length; r++)
                {
                    if (expected[r] == Allowed)
                    {
                        continue;
                    }
                    var response = await clients[r].SendAsync(Request(method, url, tokens[r]));
                    // The anonymous client is redirected only to the sign-in page or the (open) home page.
                    var location = response.Headers.Location?.ToString() ?? "";
                    var anonymousStaysOut = response.StatusCode != SignIn || Roles[r] != "anonymous" || location.Contains("/account/login") || location == "/";
                    if (response.StatusCode != expected[r] || !anonymousStaysOut)
                    {
                        mismatches.Add($"{Roles[r]} {method} {address}: expected {(int)expected[r]}, got {(int)response.StatusCode} {response.Headers.Location}");
                    }
                }
            }
        }

        mismatches.ShouldBeEmpty();
        (await App.WithDbAsync(db => db.AuditEntries.CountAsync())).ShouldBe(auditBefore, "a refused request changed something");
    }

    /// <summary>
    /// A request as the role's browser or API client makes it: a page's form carries the anti-forgery token (so that
    /// the role, not a missing token, decides), the API gets an empty JSON object.
    /// </summary>
    private static HttpRequestMessage Request(string method, string url, string token)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (method is "GET" or "DELETE")
        {
            return request;
        }
        request.Content = url.StartsWith("/api/", StringComparison.Ordinal)
            ? new StringContent("{}", Encoding.UTF8, "application/json")
            : new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token });
        return request;
    }

    private Task<List<string>> MappedEndpointsAsync() =>
        EndpointsAsync(App.Services.GetRequiredService<EndpointDataSource>().Endpoints, App.Services.GetRequiredService<PageLoader>());

    /// <summary>
    /// Every endpoint as "METHOD /route": a minimal API endpoint once per HTTP method it answers ("*" for any), a page
    /// once per handler ("POST /items/{id:int}?handler=Instruct"), a page without handlers as GET.
    /// </summary>
    private static async Task<List<string>> EndpointsAsync(IEnumerable<Endpoint> endpoints, PageLoader pages)
    {
        var names = new List<string>();
        foreach (var endpoint in endpoints)
        {
            if (endpoint is not RouteEndpoint route)
            {
                names.Add($"? {endpoint.DisplayName}");
                continue;
            }
            var pattern = "/" + route.RoutePattern.RawText!.TrimStart('/');
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is { } page)
            {
                var handlers = (await pages.LoadAsync(page, endpoint.Metadata)).HandlerMethods;
                names.AddRange(handlers.Count == 0
                    ? [$"GET {pattern}"]
                    : handlers.Select(h => $"{h.HttpMethod.ToUpperInvariant()} {pattern}{(h.Name is null ? "" : "?handler=" + h.Name)}"));
            }
            else
            {
                names.AddRange((endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"]).Select(m => $"{m} {pattern}"));
            }
        }
        return names.Distinct().ToList();
    }

    /// <summary>
    /// What is wrong with the table, measured against the endpoints the app maps: an endpoint neither walked nor excluded,
    /// a row or exclusion for an endpoint the app no longer maps, a row without an answer for every role, a row whose
    /// address is not one of its endpoint's.
    /// </summary>
    private static List<string> CoverageProblems(IReadOnlyCollection<string> endpoints, IEnumerable<(string Endpoint, string Url, HttpStatusCode[] Expected)> matrix,
        IEnumerable<(string Endpoint, string Reason)> excluded)
    {
        var rows = matrix.ToList();
        var covered = rows.Select(r => r.Endpoint).Concat(excluded.Select(e => e.Endpoint)).ToHashSet();
        var problems = endpoints.Where(e => !covered.Contains(e))
            .Select(e => $"{e}: not in the permission matrix (add a row with every role's answer, or exclude it with a reason)").ToList();
        problems.AddRange(covered.Where(c => !endpoints.Contains(c)).Select(c => $"{c}: in the matrix, but the app maps no such endpoint"));
        problems.AddRange(excluded.Where(e => rows.Any(r => r.Endpoint == e.Endpoint)).Select(e => $"{e.Endpoint}: both walked and excluded"));
        problems.AddRange(rows.Where(r => r.Expected.Length != Roles.Length).Select(r => $"{r.Endpoint}: {r.Url} has {r.Expected.Length} answers for {Roles.Length} roles"));
        problems.AddRange(rows.Where(r => endpoints.Contains(r.Endpoint) && !IsAddressOf(r.Endpoint, r.Url)).Select(r => $"{r.Endpoint}: the address {r.Url} is not one of its addresses"));
        return problems;
    }

    /// <summary>Whether the address (placeholders standing for ids) falls under the endpoint's route and names its page handler.</summary>
    private static bool IsAddressOf(string endpoint, string url)
    {
        var route = endpoint[(endpoint.IndexOf(' ') + 1)..].Split("?handler=");
        var path = url.Split('?')[0];
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(url.Contains('?') ? url[url.IndexOf('?')..] : "");
        var handler = query.TryGetValue("handler", out var value) ? value.ToString() : null;
        var matcher = new TemplateMatcher(TemplateParser.Parse(route[0].TrimStart('/')), new RouteValueDictionary());
        var filled = System.Text.RegularExpressions.Regex.Replace(path, @"\{\w+\}", "1");
        return matcher.TryMatch(filled, new RouteValueDictionary()) && handler == (route.Length > 1 ? route[1] : null);
    }

    /// <summary>The records every row names, one of each kind (and one of another unit where the unit matters), and the users.</summary>
    private async Task<Dictionary<string, int>> CreateDataAsync()
    {
        var data = await App.CreateSmallListAsync();
        var roundId = await App.WithDbAsync(async db =>
        {
            var round = new Zhenxing.Web.Features.Rounds.ReportingRound { Name = "2021年上半年", OpensOn = new(2021, 1, 1), DueOn = new(2021, 6, 30), Lists = [new() { ItemListId = data.ListId }] };
            db.ReportingRounds.Add(round);
            await db.SaveChangesAsync();
            return round.Id;
        });
        var (report, evidence, otherEvidence, draftEvidence) = await App.WithDbAsync(async db =>
        {
            Zhenxing.Web.Features.Rounds.ProgressReport Report(int itemId, int unitId, Zhenxing.Web.Features.Rounds.ReportState state) => new()
            {
                RoundId = roundId, ItemId = itemId, UnitId = unitId, Role = Zhenxing.Web.Features.Items.ItemUnitRole.Lead, Status = Zhenxing.Web.Features.Items.ItemStatus.InProgress,
                Narrative = "按计划推进。", State = state, UpdatedAt = App.Clock.GetUtcNow(), SubmittedAt = state == Zhenxing.Web.Features.Rounds.ReportState.Draft ? null : App.Clock.GetUtcNow(),
                Evidence = [new() { FileName = "佐证.pdf", ContentType = "application/pdf", Size = 9, Content = "%PDF-1.4\n"u8.ToArray(), UploadedAt = App.Clock.GetUtcNow() }],
            };
            var (own, other, draft) = (Report(data.Overdue, data.Finance, Zhenxing.Web.Features.Rounds.ReportState.Submitted),
                Report(data.Soon, data.Development, Zhenxing.Web.Features.Rounds.ReportState.Submitted), Report(data.Ongoing, data.Development, Zhenxing.Web.Features.Rounds.ReportState.Draft));
            db.ProgressReports.AddRange(own, other, draft);
            await db.SaveChangesAsync();
            return (own.Id, own.Evidence[0].Id, other.Evidence[0].Id, draft.Evidence[0].Id);
        });
        var assessmentId = await App.WithDbAsync(async db =>
        {
            var method = new Zhenxing.Web.Features.Assessments.AssessmentMethod { Year = 2021, Title = "2021年度振兴工作考评", CompletionWeight = 50, PunctualityWeight = 30, QualityWeight = 20, Lists = [new() { ItemListId = data.ListId }] };
            db.AssessmentMethods.Add(method);
            await db.SaveChangesAsync();
            return method.Id;
        });
        var (bulletinId, draftId) = await App.WithDbAsync(async db =>
        {
            Zhenxing.Web.Features.Bulletins.Bulletin Bulletin(int? number) => new()
            {
                Title = "振兴发展工作简报", IssuingOrgan = "赣州市振兴办", PeriodFrom = new(2021, 6, 1), PeriodTo = new(2021, 6, 30),
                State = number is null ? Zhenxing.Web.Features.Bulletins.BulletinState.Draft : Zhenxing.Web.Features.Bulletins.BulletinState.Published,
                Year = number is null ? null : 2021, Number = number, PublishedAt = number is null ? null : App.Clock.GetUtcNow(),
                Sections = [new() { Position = 1, Heading = "总体情况", Text = "共 5 项。" }],
            };
            var (published, draft) = (Bulletin(1), Bulletin(null));
            db.Bulletins.AddRange(published, draft);
            await db.SaveChangesAsync();
            return (published.Id, draft.Id);
        });
        var pairings = await App.CreatePairingsAsync();
        var (activityId, ownTrip, otherTrip) = await App.WithDbAsync(async db =>
        {
            var activity = new Zhenxing.Web.Features.Pairings.PairingActivity { PairingId = pairings.FinanceRuijin, Kind = Zhenxing.Web.Features.Pairings.PairingActivityKind.Symposium, OccurredOn = new(2025, 5, 1), Title = "座谈会" };
            Zhenxing.Web.Features.Trips.LiaisonTrip Trip(int unit) => new() { UnitId = unit, TravelledOn = new(2025, 5, 1), People = "局长", Destination = "财政部", Level = Zhenxing.Web.Features.Trips.DestinationLevel.National };
            var (own, other) = (Trip(data.Finance), Trip(data.Development));
            db.AddRange(activity, own, other);
            await db.SaveChangesAsync();
            return (activity.Id, own.Id, other.Id);
        });
        var (targetId, otherTarget, targetReport, targetEvidence, meetingId, matter, otherMatter) = await App.WithDbAsync(async db =>
        {
            Zhenxing.Web.Features.Targets.Target Target(int owner) => new() { Title = "全年争资", OwnerUnitId = owner, MeasureUnit = "亿元", BaselineYear = 2019, TargetValue = 750, TargetYear = 2020 };
            var (target, other) = (Target(data.Finance), Target(data.Development));
            var report = new Zhenxing.Web.Features.Targets.TargetReport
            {
                Target = target, RoundId = roundId, UnitId = data.Finance, Value = 120, AsOf = new(2021, 6, 30), State = Zhenxing.Web.Features.Rounds.ReportState.Submitted,
                SubmittedAt = App.Clock.GetUtcNow(), Evidence = [new() { FileName = "统计表.pdf", ContentType = "application/pdf", Size = 9, Content = "%PDF-1.4\n"u8.ToArray(), UploadedAt = App.Clock.GetUtcNow() }],
            };
            var meeting = new Zhenxing.Web.Features.Meetings.Meeting
            {
                Title = "推进会", HeldOn = new(2021, 3, 1),
                Matters = [new() { Text = "支持瑞金机场", LeadUnitId = data.Finance, Position = 1 }, new() { Text = "支持赣州港", LeadUnitId = data.Development, Position = 2 }],
            };
            db.Targets.AddRange(target, other);
            db.TargetReports.Add(report);
            db.Meetings.Add(meeting);
            await db.SaveChangesAsync();
            return (target.Id, other.Id, report.Id, report.Evidence[0].Id, meeting.Id, meeting.Matters[0].Id, meeting.Matters[1].Id);
        });
        var importId = await App.WithDbAsync(async db =>
        {
            var content = Zhenxing.Testing.Seeds.Read("001");
            var document = new Zhenxing.Web.Features.Imports.SourceDocument { FileName = "001.txt", Content = content, Sha256 = Convert.ToHexStringLower(SHA256.HashData(content)), UploadedAt = App.Clock.GetUtcNow() };
            db.SourceDocuments.Add(document);
            await db.SaveChangesAsync();
            return document.Id;
        });
        var office = await App.AddUserAsync("office1", Role.Office);
        await App.AddUserAsync("czj", Role.Liaison, unitId: data.Finance);
        var leader = await App.AddUserAsync("leader1", Role.Leader);
        await App.AddUserAsync("admin1", Role.Admin);
        var apiKey = await App.WithDbAsync(async db =>
        {
            var key = new Zhenxing.Web.Features.ApiKeys.ApiKey { UserId = office.Id, Name = "报表程序", Prefix = "zx_test", Hash = "not-a-key", CreatedAt = App.Clock.GetUtcNow() };
            db.ApiKeys.Add(key);
            await db.SaveChangesAsync();
            return key.Id;
        });
        return new()
        {
            ["own"] = data.Overdue, ["other"] = data.Soon, ["unit"] = data.Finance, ["otherUnit"] = data.Development, ["list"] = data.ListId,
            ["round"] = roundId, ["report"] = report, ["evidence"] = evidence, ["otherEvidence"] = otherEvidence, ["draftEvidence"] = draftEvidence,
            ["assessment"] = assessmentId, ["bulletin"] = bulletinId, ["draft"] = draftId, ["pairing"] = pairings.FinanceRuijin, ["activity"] = activityId,
            ["ownTrip"] = ownTrip, ["otherTrip"] = otherTrip, ["target"] = targetId, ["otherTarget"] = otherTarget, ["targetReport"] = targetReport,
            ["targetEvidence"] = targetEvidence, ["meeting"] = meetingId, ["matter"] = matter, ["otherMatter"] = otherMatter, ["import"] = importId, ["apiKey"] = apiKey,
            ["user"] = leader.Id,
        };
    }

    [Fact]
    public async Task WritesAreRefusedToRolesThatMayNotMakeThem()
    {
        var data = await App.CreateSmallListAsync();
        await App.AddUserAsync("czj", Role.Liaison, unitId: data.Finance);
        await App.AddUserAsync("leader1", Role.Leader);
        var liaison = await App.SignInAsync("czj");
        var leader = await App.SignInAsync("leader1");
        var token = await liaison.AntiforgeryTokenAsync("/ledger");
        var leaderToken = await leader.AntiforgeryTokenAsync("/ledger");
        var edit = new Dictionary<string, string> { ["Form.ListId"] = data.ListId.ToString(), ["Form.Number"] = "1", ["Form.Text"] = "改", ["Form.Status"] = "Done", ["Form.Version"] = "0" };

        (await liaison.PostFormWithTokenAsync($"/items/{data.Overdue}/edit", edit, token)).StatusCode.ShouldBe(Forbidden);
        (await leader.PostFormWithTokenAsync($"/items/{data.Overdue}/edit", edit, leaderToken)).StatusCode.ShouldBe(Forbidden);
        (await liaison.PostFormWithTokenAsync($"/items/{data.Overdue}/withdraw", new() { ["Reason"] = "x", ["Version"] = "0" }, token)).StatusCode.ShouldBe(Forbidden);
        (await liaison.PostFormWithTokenAsync("/ledger?handler=Assign", new() { ["selected"] = data.Overdue.ToString(), ["unitName"] = "市教育局", ["role"] = "Lead" }, token)).StatusCode.ShouldBe(Forbidden);
        (await leader.PostFormWithTokenAsync("/admin/units", new() { ["Form.Name"] = "新单位" }, leaderToken)).StatusCode.ShouldBe(Forbidden);
        (await liaison.PostFormWithTokenAsync($"/items/{data.Overdue}?handler=Instruct", new() { ["text"] = "x" }, token)).StatusCode.ShouldBe(Forbidden);
        (await liaison.PostFormWithTokenAsync($"/items/{data.Soon}?handler=Instruct", new() { ["text"] = "x" }, token)).StatusCode.ShouldBe(Forbidden);
        (await App.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Instructions))).ShouldBe(0);
        var pairings = await App.CreatePairingsAsync();
        var activity = new Dictionary<string, string> { ["Activity.Kind"] = "Symposium", ["Activity.OccurredOn"] = "2025-05-01", ["Activity.Title"] = "座谈会" };
        (await liaison.PostFormWithTokenAsync($"/pairings/{pairings.FinanceRuijin}?handler=File", activity, token)).StatusCode.ShouldBe(Forbidden);
        (await leader.PostFormWithTokenAsync($"/pairings/{pairings.FinanceRuijin}?handler=File", activity, leaderToken)).StatusCode.ShouldBe(Forbidden);
        (await liaison.PostFormWithTokenAsync($"/pairings/{pairings.FinanceRuijin}?handler=End", new() { ["EndsOn"] = "2025-01-01", ["Reason"] = "x", ["Version"] = "0" }, token)).StatusCode.ShouldBe(Forbidden);
        (await liaison.PostFormWithTokenAsync("/pairings/new?handler=Scheme", new() { ["Scheme.Title"] = "x", ["Scheme.StartYear"] = "2021", ["Scheme.EndYear"] = "2030" }, token)).StatusCode.ShouldBe(Forbidden);
        (await leader.PostFormWithTokenAsync("/trips", new() { ["Trip.Unit"] = "市财政局", ["Trip.TravelledOn"] = "2025-05-01", ["Trip.People"] = "x", ["Trip.Level"] = "National", ["Trip.Destination"] = "x" }, leaderToken)).StatusCode.ShouldBe(Forbidden);
        (await liaison.PostFormWithTokenAsync("/trips/compliance", new() { ["ProvincialPerMonth"] = "5", ["NationalVisits"] = "1", ["NationalWindowMonths"] = "2", ["RuleVersion"] = "0" }, token)).StatusCode.ShouldBe(Forbidden);
        (await App.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.PairingActivities))).ShouldBe(0);
        (await App.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.LiaisonTrips))).ShouldBe(0);
        (await App.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.PairingSchemes))).ShouldBe(1);
        (await App.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.TripRules))).ShouldBe(0);
        var item = await App.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Items, i => i.Id == data.Overdue));
        item.Text.ShouldBe("推进瑞金机场前期工作");
        item.WithdrawnAt.ShouldBeNull();
    }
}

public sealed class PermissionMatrixTests_Postgres(PostgresApp app) : PermissionMatrixTests(app), IClassFixture<PostgresApp>;
public sealed class PermissionMatrixTests_Sqlite(SqliteApp app) : PermissionMatrixTests(app), IClassFixture<SqliteApp>;
