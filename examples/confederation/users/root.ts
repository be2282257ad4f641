// The root account every machine has (the post's users/root.nix).
export default {
  users: {
    users: {
      root: {
        uid: 0,
        home: "/root",
        openssh: { authorizedKeys: { keys: [] } },
      },
    },
  },
};
