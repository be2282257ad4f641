import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  defineHome,
  defineMachine,
  defineModule,
  evalModules,
  mkDefault,
  mkEnableOption,
  mkIf,
  mkOption,
  types,
} from "./index.ts";

describe("define helpers", () => {
  test("`defineModule`, `defineMachine` and `defineHome` return their argument unchanged", () => {
    const object = { config: {} };
    const fn = () => ({});
    assert.equal(defineModule(object), object);
    assert.equal(defineModule(fn), fn);
    assert.equal(defineMachine(object), object);
    assert.equal(defineMachine(fn), fn);
    assert.equal(defineHome(object), object);
    assert.equal(defineHome(fn), fn);
  });

  test("modules defined with them evaluate with `evalModules`", () => {
    const webOptions = {
      web: {
        enable: mkEnableOption("the web server"),
        port: mkOption({ type: types.port, default: 80 }),
        hosts: mkOption({ type: types.listOf(types.str), default: [] }),
      },
    };
    const web = defineModule<typeof webOptions>(({ config }) => ({
      options: webOptions,
      config: mkIf(() => config.web.enable, {
        web: {
          get hosts() {
            return [`localhost:${config.web.port}`];
          },
        },
      }),
    }));
    // The web options are not registered: naming their type lets the machine set them.
    const machine = defineMachine<typeof webOptions>({
      imports: [web],
      web: { enable: true, port: mkDefault(8080) },
    });
    const home = defineHome({ imports: [web] });

    const { config } = evalModules({ modules: [machine] });
    assert.deepEqual(config.web.hosts, ["localhost:8080"]);
    assert.deepEqual(evalModules({ modules: [home] }).config.web.hosts, []);
  });
});
