using Zhenxing.Web.Features.Pairings;
using Zhenxing.Web.Features.Units;

namespace Zhenxing.IntegrationTests.Infrastructure;

/// <summary>A small pairing registry a test sets up for itself: two counties of 赣州市, two supporting units each.</summary>
public static class PairingData
{
    public sealed record SmallRegistry(int SchemeId, int Ruijin, int Yudu, int Finance, int Xinhua, int Health, int Grain, int FinanceRuijin, int XinhuaRuijin, int HealthYudu, int GrainYudu);

    public static async Task<SmallRegistry> CreatePairingsAsync(this ZhenxingAppFactory app)
    {
        var city = await app.AddUnitAsync("赣州市", UnitKind.Other);
        var ruijin = await app.AddUnitAsync("瑞金市", UnitKind.County);
        var yudu = await app.AddUnitAsync("于都县", UnitKind.County);
        var finance = await app.AddUnitAsync("财政部", UnitKind.CentralUnit);
        var xinhua = await app.AddUnitAsync("新华社", UnitKind.CentralUnit);
        var health = await app.AddUnitAsync("国家卫生健康委", UnitKind.CentralUnit);
        var grain = await app.AddUnitAsync("国家粮食和储备局", UnitKind.CentralUnit);
        return await app.WithDbAsync(async db =>
        {
            foreach (var county in new[] { ruijin, yudu })
            {
                db.Units.Attach(county);
                county.ParentId = city.Id;
            }
            Pairing Pair(Unit supporter, Unit county) => new() { SupportingUnitId = supporter.Id, CountyUnitId = county.Id, Role = PairingRole.Supporting, City = "赣州市" };
            var scheme = new PairingScheme
            {
                Title = "新时代中央国家机关及有关单位对口支援赣南等原中央苏区工作方案", DocumentNumber = "国办发〔2021〕15号", StartYear = 2021, EndYear = 2030,
                Pairings = [Pair(finance, ruijin), Pair(xinhua, ruijin), Pair(health, yudu), Pair(grain, yudu)],
            };
            db.PairingSchemes.Add(scheme);
            await db.SaveChangesAsync();
            var p = scheme.Pairings;
            return new SmallRegistry(scheme.Id, ruijin.Id, yudu.Id, finance.Id, xinhua.Id, health.Id, grain.Id, p[0].Id, p[1].Id, p[2].Id, p[3].Id);
        });
    }
}
