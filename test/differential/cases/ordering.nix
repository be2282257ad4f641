# The order of merged values: collection order (breadth-first over imports), reversed for
# merging, and mkOrder / mkBefore / mkAfter on lists and lines.
{ lib }:
let
  inherit (lib)
    mkOption
    types
    mkOrder
    mkBefore
    mkAfter
    mkMerge
    mkIf
    mkDefault
    ;
  eval = modules: lib.evalModules { inherit modules; };
  cfg = modules: (eval modules).config;
  declList = {
    _file = "decl.nix";
    options.l = mkOption {
      type = types.listOf types.str;
      default = [ ];
    };
  };
  declLines = {
    _file = "decl.nix";
    options.t = mkOption {
      type = types.lines;
      default = "";
    };
  };
  item = v: { l = [ v ]; };
in
{
  twoModulesMergeReversed =
    (cfg [
      declList
      (item "first")
      (item "second")
    ]).l;

  threeModulesMergeReversed =
    (cfg [
      declList
      (item "a")
      (item "b")
      (item "c")
    ]).l;

  importsAfterTheirImporter =
    (cfg [
      declList
      {
        imports = [ (item "imported") ];
        l = [ "importer" ];
      }
    ]).l;

  importsBreadthFirst =
    (cfg [
      declList
      {
        imports = [
          {
            imports = [ (item "grandchild-of-1") ];
            l = [ "child-1" ];
          }
          (item "child-2")
        ];
        l = [ "root-1" ];
      }
      {
        imports = [ (item "child-of-2") ];
        l = [ "root-2" ];
      }
    ]).l;

  declarationPositionIrrelevant =
    (cfg [
      (item "a")
      declList
      (item "b")
    ]).l;

  mkBeforeGoesFirst =
    (cfg [
      declList
      (item "a")
      { l = mkBefore [ "early" ]; }
      (item "b")
    ]).l;

  mkAfterGoesLast =
    (cfg [
      declList
      { l = mkAfter [ "late" ]; }
      (item "a")
      (item "b")
    ]).l;

  mkOrderNumbers =
    (cfg [
      declList
      { l = mkOrder 900 [ "900" ]; }
      { l = mkOrder 100 [ "100" ]; }
      { l = mkOrder 1200 [ "1200" ]; }
      (item "1000")
    ]).l;

  sameOrderKeepsMergeOrder =
    (cfg [
      declList
      { l = mkBefore [ "x" ]; }
      { l = mkBefore [ "y" ]; }
    ]).l;

  mkAfterIsNotAPriority =
    (cfg [
      declList
      { l = mkAfter [ "after" ]; }
      { l = mkDefault [ "default" ]; }
    ]).l;

  mkOrderInsideMkMerge =
    (cfg [
      declList
      {
        l = mkMerge [
          [ "plain" ]
          (mkBefore [ "before" ])
        ];
      }
    ]).l;

  mkOrderInsideMkIf =
    (cfg [
      declList
      (item "plain")
      { l = mkIf true (mkBefore [ "before" ]); }
    ]).l;

  mkIfInsideMkOrder =
    (cfg [
      declList
      (item "plain")
      { l = mkBefore (mkIf true [ "before" ]); }
    ]).l;

  linesJoinWithNewlines =
    (cfg [
      declLines
      { t = "one"; }
      { t = "two"; }
    ]).t;

  linesMkBefore =
    (cfg [
      declLines
      { t = "body"; }
      { t = mkBefore "header"; }
      { t = mkAfter "footer"; }
    ]).t;

  linesWithDefaultDropped =
    (cfg [
      {
        options.t = mkOption {
          type = types.lines;
          default = "default text";
        };
      }
      { t = "defined"; }
    ]).t;

  linesDefaultMergedAtSamePrio =
    (cfg [
      {
        options.t = mkOption {
          type = types.lines;
          default = "default text";
        };
      }
      { t = lib.mkOptionDefault "also default"; }
    ]).t;

  attrsOfListsMergeReversed =
    (cfg [
      {
        options.a = mkOption {
          type = types.attrsOf (types.listOf types.int);
          default = { };
        };
      }
      { a.k = [ 1 ]; }
      { a.k = [ 2 ]; }
    ]).a.k;

  functionModulesMergeReversed =
    (cfg [
      declList
      ({ ... }: item "fn-1")
      ({ ... }: item "fn-2")
    ]).l;

  mkMergeKeepsItsOwnOrder =
    (cfg [
      declList
      {
        l = mkMerge [
          [ "m1" ]
          [ "m2" ]
        ];
      }
      (item "next")
    ]).l;

  submoduleDefinitionsMergeReversed =
    (cfg [
      {
        options.s = mkOption {
          type = types.submodule {
            options.l = mkOption {
              type = types.listOf types.str;
              default = [ ];
            };
          };
          default = { };
        };
      }
      { s.l = [ "s1" ]; }
      { s.l = [ "s2" ]; }
    ]).s.l;
}
