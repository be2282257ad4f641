# mkIf and mkMerge: where they may appear, how they combine with priorities, and what a false
# condition does and does not hide.
{ lib }:
let
  inherit (lib)
    mkOption
    types
    mkIf
    mkMerge
    mkForce
    mkDefault
    ;
  eval = modules: lib.evalModules { inherit modules; };
  cfg = modules: (eval modules).config;
  declInt = {
    _file = "decl.nix";
    options.x = mkOption {
      type = types.int;
      default = 0;
    };
  };
  declList = {
    _file = "decl.nix";
    options.l = mkOption {
      type = types.listOf types.int;
      default = [ ];
    };
  };
  declEnable = {
    _file = "decl.nix";
    options.enable = mkOption {
      type = types.bool;
      default = false;
    };
  };
in
{
  mkIfTrue =
    (cfg [
      declInt
      { x = mkIf true 1; }
    ]).x;

  mkIfFalseFallsBackToDefault =
    (cfg [
      declInt
      { x = mkIf false 1; }
    ]).x;

  mkIfFalseWithoutDefaultHasNoValue =
    (cfg [
      { options.y = mkOption { type = types.int; }; }
      { y = mkIf false 1; }
    ]).y;

  mkIfOnConfigRead =
    (cfg [
      declInt
      declEnable
      { enable = true; }
      ({ config, ... }: { x = mkIf config.enable 5; })
    ]).x;

  mkIfOnConfigReadFalse =
    (cfg [
      declInt
      declEnable
      ({ config, ... }: { x = mkIf config.enable 5; })
    ]).x;

  mkIfWholeConfigBlock =
    (cfg [
      declInt
      declEnable
      { enable = true; }
      (
        { config, ... }:
        {
          config = mkIf config.enable { x = 6; };
        }
      )
    ]).x;

  mkIfFalseBlockHidesTypeErrors =
    (cfg [
      declInt
      { config = mkIf false { x = "not an int"; }; }
    ]).x;

  mkIfNonBoolCondition =
    (cfg [
      declInt
      { x = mkIf "yes" 1; }
    ]).x;

  mkIfNullCondition =
    (cfg [
      declInt
      { x = mkIf null 1; }
    ]).x;

  mkIfConditionThrowsOnlyWhenMerged =
    (cfg [
      declInt
      { options.y = mkOption { type = types.int; default = 1; }; }
      { x = mkIf (throw "condition evaluated") 1; }
    ]).y;

  mkIfConditionThrows =
    (cfg [
      declInt
      { x = mkIf (throw "condition evaluated") 1; }
    ]).x;

  mkIfFalseUndeclaredStillAnError =
    (cfg [
      declInt
      {
        _file = "a.nix";
        config = mkIf false { nope = 1; };
      }
    ]).x;

  mkIfFalseNestedUndeclaredStillAnError =
    (cfg [
      declInt
      {
        _file = "a.nix";
        config.x = 1;
        config.sub = mkIf false { nope = 1; };
      }
    ]).x;

  mkIfTopLevelModule =
    (cfg [
      declInt
      (mkIf true { x = 3; })
    ]).x;

  mkIfTopLevelModuleFalse =
    (cfg [
      declInt
      (mkIf false { x = 3; })
    ]).x;

  mkMergeDefinitions =
    (cfg [
      declList
      {
        l = mkMerge [
          [ 1 ]
          [ 2 ]
        ];
      }
    ]).l;

  mkMergeConfigBlocks = cfg [
    declInt
    declList
    {
      config = mkMerge [
        { x = 1; }
        { l = [ 1 ]; }
      ];
    }
  ];

  mkMergeNested =
    (cfg [
      declList
      {
        l = mkMerge [
          (mkMerge [
            [ 1 ]
            (mkMerge [ [ 2 ] ])
          ])
          [ 3 ]
        ];
      }
    ]).l;

  mkMergeWithMkIf =
    (cfg [
      declList
      {
        l = mkMerge [
          (mkIf true [ 1 ])
          (mkIf false [ 2 ])
          [ 3 ]
        ];
      }
    ]).l;

  mkIfOfMkMerge =
    (cfg [
      declList
      {
        l = mkIf true (mkMerge [
          [ 1 ]
          [ 2 ]
        ]);
      }
    ]).l;

  mkIfNested =
    (cfg [
      declList
      { l = mkIf true (mkIf true [ 1 ]); }
      { l = mkIf true (mkIf false [ 2 ]); }
    ]).l;

  mkMergeEmpty =
    (cfg [
      declInt
      { x = mkMerge [ ]; }
    ]).x;

  mkMergeAsModuleIsAnError =
    (cfg [
      declInt
      (mkMerge [ { x = 1; } ])
    ]).x;

  mkMergeWithPriorities =
    (cfg [
      declInt
      {
        x = mkMerge [
          (mkDefault 1)
          2
        ];
      }
    ]).x;

  mkIfInsideListElementTrue =
    (cfg [
      declList
      {
        l = [
          1
          (mkIf true 2)
        ];
      }
    ]).l;

  mkIfInsideListElementFalse =
    (cfg [
      declList
      {
        l = [
          1
          (mkIf false 2)
          3
        ];
      }
    ]).l;

  mkForceOfMkIfIsTypeError =
    (cfg [
      declEnable
      {
        _file = "a.nix";
        enable = mkForce (mkIf true true);
      }
    ]).enable;

  mkIfOfMkForceWorks =
    (cfg [
      declEnable
      { enable = mkIf true (mkForce true); }
      { enable = false; }
    ]).enable;

  mkIfFalseOfMkForceDropsIt =
    (cfg [
      declEnable
      { enable = mkIf false (mkForce false); }
      { enable = true; }
    ]).enable;

  mkDefaultOfMkMergeIsTypeError =
    (cfg [
      declList
      {
        _file = "a.nix";
        l = mkDefault (mkMerge [ [ 1 ] ]);
      }
    ]).l;

  mkMergeOfMkDefault =
    (cfg [
      declList
      {
        l = mkMerge [
          (mkDefault [ 1 ])
          [ 2 ]
        ];
      }
    ]).l;

  mkIfBoolMergeByEquality =
    (cfg [
      declEnable
      {
        _file = "a.nix";
        enable = mkIf true true;
      }
      {
        _file = "b.nix";
        enable = false;
      }
    ]).enable;

  boolIsNotOr =
    (cfg [
      declEnable
      {
        _file = "a.nix";
        enable = true;
      }
      {
        _file = "b.nix";
        enable = false;
      }
    ]).enable;

  boolEqualDefinitionsFine =
    (cfg [
      declEnable
      { enable = true; }
      { enable = true; }
    ]).enable;

  configMkIfReadingItself =
    (cfg [
      declEnable
      (
        { config, ... }:
        {
          config = mkIf config.enable { enable = true; };
        }
      )
    ]).enable;

  mkIfConditionReadsOtherOption =
    (cfg [
      declInt
      declList
      (
        { config, ... }:
        {
          l = mkIf (config.x > 2) [ config.x ];
        }
      )
      { x = 3; }
    ]).l;
}
