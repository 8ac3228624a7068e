// A custom component of the host's page (WeChat reads `component: true` from its json).
export default { component: true }
