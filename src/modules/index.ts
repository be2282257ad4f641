/**
 * The built-in module tree. A built-in module's key is its path under src/modules (for example
 * `"system/users"`), which `disabledModules` accepts.
 */
import home from "./home/home.ts";
import assertions from "./misc/assertions.ts";
import deployment from "./system/deployment.ts";
import networking from "./system/networking.ts";
import security from "./system/security.ts";
import system from "./system/system.ts";
import users from "./system/users.ts";

export { type Assertion, failedAssertions } from "./misc/assertions.ts";
export { type HomeSpecialArgs, homeUsersModule } from "./system/home-users.ts";

/** The modules every machine evaluates (besides `home.users`, which needs the home modules). */
export const systemModules: readonly unknown[] = [
  assertions,
  networking,
  users,
  security,
  system,
  deployment,
];

/** The modules every home evaluates. */
export const homeModules: readonly unknown[] = [assertions, home];
