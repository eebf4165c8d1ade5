// GraphiQL at /graphql in a browser (when LODESTAR_GRAPHIQL is on). Its files come from npm
// (graphiql, react, react-dom) and are copied into dist/graphiql/ by build.mjs, so it works
// offline; this file stands in for the inline script a page would otherwise need, which the
// page's Content-Security-Policy does not allow. Queries and mutations go to /graphql with the
// session cookie (subscriptions: the websocket, from the app or a client).
/* global document, GraphiQL, React, ReactDOM */
const fetcher = GraphiQL.createFetcher({ url: '/graphql' });
ReactDOM.createRoot(document.getElementById('graphiql')).render(React.createElement(GraphiQL, { fetcher }));
