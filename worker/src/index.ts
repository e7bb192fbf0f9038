import { createApp } from "./app";

export { OrgStore } from "./storage/org-store";

export default createApp();
