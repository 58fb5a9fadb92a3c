/** The document cache's storage budget: past it, the documents stored longest ago go first. */
export const OFFLINE_BUDGET_BYTES = 50 * 1024 * 1024;

/**
 * The service worker (scope /s/). Network first, always: a delegate sees the current
 * version whenever the network answers, and every open still reaches the server (and
 * the access log). What it keeps:
 * - each document the delegate opened (whole-file 200 answers, not downloads), within
 *   the budget above;
 * - the last list page of each code, so the list is there to tap when the Wi-Fi drops.
 * When the network fails (or the server answers 5xx) it serves the kept copy, slicing
 * it for a Range request. Presigned redirects (S3/R2) pass through and are not kept.
 * Other navigations (the reader) take the navigation preload's answer: left to the network
 * they would be asked twice, and counted twice. Plain ES5 with promises for old Android WebViews.
 */
export const SERVICE_WORKER_JS = `var DOCS='qrhop-docs-v1',PAGES='qrhop-pages-v1',BUDGET=${OFFLINE_BUDGET_BYTES};
var DOC=/^\\/s\\/[\\w-]{16,64}\\/d\\/[\\w-]+$/,PAGE=/^\\/s\\/[\\w-]{16,64}$/;
self.addEventListener('install',function(){self.skipWaiting()});
self.addEventListener('activate',function(e){e.waitUntil(Promise.all([
self.registration.navigationPreload&&self.registration.navigationPreload.enable(),
caches.keys().then(function(keys){return Promise.all(keys.filter(function(k){return k!==DOCS&&k!==PAGES}).map(function(k){return caches.delete(k)}))})
]).then(function(){return self.clients.claim()}))});
self.addEventListener('fetch',function(e){
var r=e.request,u=new URL(r.url);
if(r.method!=='GET'||u.origin!==location.origin)return;
if(DOC.test(u.pathname)&&!u.search)e.respondWith(networkFirst(e,DOCS,u.origin+u.pathname,keepDocument));
else if(r.mode==='navigate'&&PAGE.test(u.pathname))e.respondWith(networkFirst(e,PAGES,u.origin+u.pathname,keepPage));
else if(r.mode==='navigate')e.respondWith(Promise.resolve(e.preloadResponse).then(function(p){return p||fetch(r)}));
});
function networkFirst(e,name,key,keep){
var r=e.request,range=r.headers.get('range');
function kept(err){return caches.open(name).then(function(c){return c.match(key,{ignoreVary:true})}).then(function(hit){if(!hit)throw err;return range?slice(hit,range):hit})}
return Promise.resolve(r.mode==='navigate'?e.preloadResponse:undefined)
.then(function(pre){return pre||fetch(r)})
.then(function(res){
if(res.status>=500)return kept(new Error('server')).catch(function(){return res});
if(res.status===200&&res.type==='basic'&&!range)e.waitUntil(keep(key,res.clone()).catch(function(){}));
return res},kept);
}
function keepPage(key,res){
var state=res.headers.get('x-page-state');
if(state!=='list'&&state!=='not_released')return Promise.resolve();
return caches.open(PAGES).then(function(c){return c.put(key,res)});
}
function keepDocument(key,res){
return res.blob().then(function(body){
if(body.size>BUDGET)return;
var h=new Headers(res.headers);h.set('x-stored-at',String(Date.now()));h.set('content-length',String(body.size));
return caches.open(DOCS).then(function(c){return c.put(key,new Response(body,{status:200,headers:h})).then(function(){return trim(c)})});
});
}
function trim(c){
return c.keys().then(function(reqs){return Promise.all(reqs.map(function(q){return c.match(q).then(function(m){return{q:q,at:+m.headers.get('x-stored-at')||0,n:+m.headers.get('content-length')||0}})}))})
.then(function(all){all.sort(function(a,b){return b.at-a.at});var total=0;
return Promise.all(all.filter(function(x){total+=x.n;return total>BUDGET}).map(function(x){return c.delete(x.q)}))});
}
function slice(res,range){
var m=/^bytes=(\\d*)-(\\d*)$/.exec(range);
return res.blob().then(function(b){
var size=b.size,s,end;
if(!m||(m[1]===''&&m[2]===''))return new Response(b,{status:200,headers:res.headers});
if(m[1]===''){s=Math.max(0,size-Number(m[2]));end=size-1}else{s=Number(m[1]);end=m[2]===''?size-1:Math.min(Number(m[2]),size-1)}
if(s>=size||end<s)return new Response(null,{status:416,headers:{'Content-Range':'bytes */'+size}});
var h=new Headers(res.headers);h.set('Content-Range','bytes '+s+'-'+end+'/'+size);h.set('Content-Length',String(end-s+1));
return new Response(b.slice(s,end+1),{status:206,headers:h});
});
}
`;
