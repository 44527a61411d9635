<%@ page contentType="text/html;charset=UTF-8" pageEncoding="UTF-8" session="false" %>
<%@ taglib prefix="h" uri="/WEB-INF/html.tld" %>
<%-- "/reports": protected by the servlet container, not by an AuthKit filter rule: web.xml has a
     <security-constraint> for role "admin", and AuthKitSecurityListener makes AuthKit the container's
     authentication. Signed out: sent to sign in; signed in without the role: the container's 403. --%>
<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Reports - AuthKit example</title>
  <link rel="stylesheet" href="${pageContext.request.contextPath}/style.css">
</head>
<body>
<%@ include file="/WEB-INF/jsp/header.jspf" %>
<main>
  <h1>Reports</h1>
  <p id="reports-welcome">The container let you in: <code>&lt;auth-constraint&gt;</code> role admin, and
    <strong>${h:text(pageContext.request.userPrincipal.displayName)}</strong> has it
    (<code>request.getAuthType()</code> is <code id="auth-type">${h:text(pageContext.request.authType)}</code>).</p>
  <table id="reports">
    <tr><th>Quarter</th><th>Revenue</th></tr>
    <tr><td>2026-Q3</td><td>1,250,000</td></tr>
    <tr><td>2026-Q4</td><td>1,410,000</td></tr>
  </table>
</main>
</body>
</html>
