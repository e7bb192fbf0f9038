import { createApp } from "./app";

export { OrgStore } from "./gate/org-gate";

export default createApp();
