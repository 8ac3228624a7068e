// The automator-weapp jest project: its specs launch the bridge's weapp backend.
process.env.CARDLET_AUTOMATOR_BACKEND = 'weapp'
