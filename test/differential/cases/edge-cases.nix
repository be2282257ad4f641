# Corners: names that are special in JavaScript, evalModules' prefix, odd module shapes, and
# properties in unusual places.
{ lib }:
let
  inherit (lib) mkOption types mkIf;
  eval = modules: lib.evalModules { inherit modules; };
  cfg = modules: (eval modules).config;
in
{
  attrsOfJavaScriptishKeys =
    (cfg [
      { options.v = mkOption { type = types.attrsOf types.int; }; }
      {
        v = {
          "__proto__" = 1;
          constructor = 2;
          toString = 3;
          hasOwnProperty = 4;
        };
      }
    ]).v;

  optionsNamedLikeObjectMethods = cfg [
    {
      options.constructor = mkOption { default = "c"; };
      options.toString = mkOption { default = "t"; };
      options.valueOf = mkOption { default = "v"; };
    }
  ];

  optionNamedProto =
    (cfg [
      { options."__proto__" = mkOption { default = "p"; }; }
    ])."__proto__";

  freeformProtoKey = cfg [
    { _module.freeformType = types.attrsOf types.str; }
    { "__proto__" = "free"; }
  ];

  submoduleEntryNamedConstructor =
    (cfg [
      {
        options.m = mkOption {
          type = types.attrsOf (
            types.submodule (
              { name, ... }:
              {
                options.label = mkOption { default = "entry ${name}"; };
              }
            )
          );
        };
      }
      { m.constructor = { }; }
    ]).m.constructor.label;

  anythingProtoKeyMerge =
    (cfg [
      { options.v = mkOption { type = types.anything; }; }
      { v."__proto__".a = 1; }
      { v."__proto__".b = 2; }
    ]).v;

  configHasNoModuleKey =
    (cfg [
      { options.x = mkOption { default = 1; }; }
    ]) ? _module;

  prefixInTypeErrorPath =
    (lib.evalModules {
      prefix = [ "top" ];
      modules = [
        { options.x = mkOption { type = types.int; }; }
        {
          _file = "a.nix";
          x = "s";
        }
      ];
    }).config.x;

  prefixInUndeclaredPath =
    (lib.evalModules {
      prefix = [ "top" ];
      modules = [
        { options.x = mkOption { default = 1; }; }
        {
          _file = "a.nix";
          y = 2;
        }
      ];
    }).config.x;

  prefixInOptionLoc =
    (lib.evalModules {
      prefix = [ "top" ];
      modules = [ { options.x = mkOption { default = 1; }; } ];
    }).options.x.loc;

  configThatIsNotAnAttrset =
    (cfg [
      { options.x = mkOption { default = 1; }; }
      {
        _file = "a.nix";
        config = 1;
      }
    ]).x;

  definitionOfAGroupWithAScalar =
    (cfg [
      { options.g.x = mkOption { default = 1; }; }
      {
        _file = "a.nix";
        g = true;
      }
    ]).g.x;

  moduleArgsUnderMkIf =
    (cfg [
      { options.x = mkOption { type = types.str; }; }
      { _module.args.v = mkIf true "conditional"; }
      ({ v, ... }: { x = v; })
    ]).x;

  moduleArgsUnderMkIfFalseIsMissing =
    (cfg [
      { options.x = mkOption { type = types.str; }; }
      { _module.args.v = mkIf false "conditional"; }
      ({ v, ... }: { x = v; })
    ]).x;

  disabledModulesInsideSubmodule =
    (cfg [
      {
        options.s = mkOption {
          type = types.submoduleWith {
            modules = [
              {
                key = "/m/inner-default.nix";
                config.v = "from the disabled module";
              }
              {
                options.v = mkOption { default = "declared default"; };
              }
            ];
          };
          default = { };
        };
      }
      { s.disabledModules = [ "/m/inner-default.nix" ]; }
    ]).s.v;

  renameOfAttrsOption =
    (cfg [
      {
        options.new.hosts = mkOption {
          type = types.attrsOf types.str;
          default = { };
        };
      }
      (lib.mkRenamedOptionModule [ "old" "hosts" ] [ "new" "hosts" ])
      { old.hosts.a = "1.1.1.1"; }
      { new.hosts.b = "2.2.2.2"; }
    ]).new.hosts;

  aliasOfGroupMember =
    (cfg [
      {
        options.target.value = mkOption {
          type = types.listOf types.int;
          default = [ ];
        };
      }
      (lib.mkAliasOptionModule [ "short" ] [ "target" "value" ])
      { short = [ 1 ]; }
      { target.value = [ 2 ]; }
    ]).target.value;

  emptyOptionNameIsAllowed =
    (cfg [
      { options."" = mkOption { default = "empty name"; }; }
    ])."";

  dottedOptionName =
    (cfg [
      { options."a.b" = mkOption { type = types.int; }; }
      {
        _file = "a.nix";
        "a.b" = "not an int";
      }
    ])."a.b";

  unicodeValuesRoundTrip =
    (cfg [
      { options.s = mkOption { type = types.str; }; }
      { s = "grüße, 世界"; }
    ]).s;

  largeButSafeInteger =
    (cfg [
      { options.n = mkOption { type = types.int; }; }
      { n = 9007199254740991; }
    ]).n;

  # As a string: JSON numbers this large do not survive JavaScript.
  integerBeyondTwoTo53 = toString (cfg [
    { options.n = mkOption { type = types.int; }; }
    { n = 9007199254740993; }
  ]).n;
}
