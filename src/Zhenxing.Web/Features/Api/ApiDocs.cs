namespace Zhenxing.Web.Features.Api;

/// <summary>The stable English names the API uses for Chinese terms, as the OpenAPI document explains them.</summary>
public static class ApiDocs
{
    public const string Statuses =
        "NotStarted 未启动、InProgress 推进中、PositiveProgress 取得积极进展、Done 落实到位、Blocked 受阻。";

    public const string Lights =
        "Red 红灯（振兴办督办，或已超过完成时限且未落实到位）、Yellow 黄灯（进展受阻，或临近完成时限）、Green 绿灯（已落实到位、长期推进或按计划推进）。";

    public const string ListKinds =
        "MajorItems 重大事项、WorkPoints 工作要点、CountySupport 援县促市事项、MeetingMatters 会议议定事项、Pilots 试点示范、Policies 政策、Actions 行动。";

    public const string UnitKinds =
        "CityDepartment 市直部门、County 县（市、区）、DistrictOffice 区直部门、CentralUnit 中央国家机关及有关单位、University 高等院校、StateOwnedEnterprise 国有企业、Other 其他。";

    public const string Overview = """
        振兴督查调度平台的 JSON 接口：清单、类别、事项和单位，筛选条件与权限和台账页面完全一致。

        认证：登录后的浏览器 Cookie，或在请求头中发送 API 密钥 `Authorization: Bearer zx_…`
        （在“API 密钥”页面 /account/apikeys 创建，或运行 `zhenxing apikey create --user 用户名`）。
        密钥代表其用户，权限与该用户相同：振兴办可查看并修改全部事项；单位联络员只能看到本单位牵头或参与的事项，
        其他事项一律答复 404；领导和系统管理员可查看全部事项，但不能修改。
        以登录 Cookie 调用修改接口（POST、PUT、PATCH、DELETE）时，须在请求头 RequestVerificationToken 中发送页面表单的防伪令牌
        （__RequestVerificationToken 的值），并以 application/json 发送请求内容，否则答复 400（内容类型不对时 415）；使用 API 密钥时不需要。

        错误按 RFC 9457 以 application/problem+json 答复，title 与 detail 为中文；参数错误（400）在 errors 中逐项指出参数名。

        修改事项（PATCH）须提供版本号：请求头 If-Match: "版本"（取自 GET 答复的 ETag 或 version 字段），或请求体中的 version。
        版本已过期时答复 412（If-Match）或 409（version），不会覆盖他人的修改。
        """;
}
